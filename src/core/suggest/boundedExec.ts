import { ExecAbortedError } from '../engine/errors';
import { LimitedOutput } from '../probe/limitedOutput';
import type { SuggestEngine } from './engine';

/** What one discovery exec gave: `ran` is false when the program could not be started at all (not on PATH). */
export interface ExecResult {
  ran: boolean;
  exitCode: number | null;
  output: string;
  timedOut: boolean;
}

export interface BoundedExecOptions {
  user: string;
  workingDir: string;
  timeoutMs: number;
  /** Output past this many bytes is dropped (moby's `limitedBuffer` scheme, src/core/probe/limitedOutput.ts). */
  maxBytes: number;
  /** Docker marks a program that never started with PID 0; Podman with exit 126/127 (libpod/define/exec_codes.go). */
  podman: boolean;
  signal?: AbortSignal;
}

/**
 * Runs one discovery command in the container (never on the host), bounded in time and output: a
 * command that hangs is stopped after `timeoutMs` and its process ended as the probe runner ends a
 * probe past its timeout (`ProbeEngine.endExec`); a flood of output is cut at `maxBytes`.
 */
export async function boundedExec(engine: Pick<SuggestEngine, 'exec' | 'endExec'>, containerId: string, argv: string[], options: BoundedExecOptions): Promise<ExecResult> {
  const output = new LimitedOutput(options.maxBytes);
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, options.timeoutMs);
  const onCancel = (): void => stop.abort();
  options.signal?.addEventListener('abort', onCancel);
  if (options.signal?.aborted) stop.abort();
  try {
    const outcome = await engine.exec(containerId, { argv, user: options.user, workingDir: options.workingDir }, (chunk) => output.write(chunk), stop.signal);
    const text = output.toString();
    const ran = options.podman ? outcome.exitCode !== 126 && outcome.exitCode !== 127 : outcome.pid !== 0;
    return { ran, exitCode: outcome.exitCode, output: text, timedOut: false };
  } catch (error) {
    if (error instanceof ExecAbortedError && error.execId !== undefined) {
      // Best effort: a discovery command left running harms nothing but is not ours to leave behind.
      await engine.endExec(containerId, error.execId).catch(() => undefined);
    }
    if (timedOut) return { ran: true, exitCode: null, output: output.toString(), timedOut: true };
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
  }
}
