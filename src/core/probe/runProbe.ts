import { formatDuration } from '../compose/duration';
import { EngineConflictError, EngineNotFoundError, ExecAbortedError } from '../engine/errors';
import type { EngineFlavor, ExecOutcome } from '../engine/types';
import type { ProbeEngine } from './engine';
import { LimitedOutput } from './limitedOutput';
import type { ProbePlan } from './plan';
import type { ProbeQueue } from './probeQueue';

export type ProbeOutcome =
  /** The check ran (or the engine failed to start it): what Docker would record in `State.Health.Log`. */
  | { kind: 'result'; exitCode: number; output: string; durationMs: number; timedOut: boolean; lingering?: string }
  | { kind: 'cancelled'; durationMs: number; lingering?: string }
  /** Nothing Docker would record: the container is gone, stopped, or the engine is unreachable. */
  | { kind: 'error'; message: string };

// `lingering` is set only when a probe was stopped (timeout or Cancel) and its process could not be
// ended: it says why (see `EngineClient.endExec`), and `lingeringText` turns it into the sentence the
// log and the lens show, so the user is never left to assume it was cleaned up.

/** The plain statement for a probe whose process could not be ended, with the reason. */
export function lingeringText(reason: string): string {
  return `the probe's process may still be running in the container; the Engine API cannot end it (${reason})`;
}

export interface RunProbeOptions {
  /** Aborting it cancels the probe (the user pressed Cancel). */
  signal?: AbortSignal;
  /**
   * Engines with API ≥ 1.43 (Engine 24+) append what a timed-out probe printed to the timeout message
   * (moby commit 0cbb92b "capture output of killed health checks"); older ones record the message alone.
   */
  timeoutIncludesOutput: boolean;
  /**
   * Engines with API ≥ 1.42 (Engine 23+) start the timeout once the probe's process has started, so the
   * time dockerd and containerd take to start the exec does not count (moby/moby#43480, daemon/health.go
   * cmdProbe.run); Engine 20.10 starts it before the exec is created. Unset: the 20.10 behaviour.
   */
  timeoutFromProcessStart?: boolean;
  /** Whose health monitor the result must match: Docker's unless told (Podman records by other rules, see `podmanResult`). */
  flavor?: EngineFlavor;
  /** Monotonic clock in ms, replaceable in unit tests. */
  now?: () => number;
  /**
   * Runs sharing a queue never overlap on one container (the extension keeps one per engine): this one
   * waits for the run before it, its timeout counting only from its own start, as Docker's does.
   */
  queue?: ProbeQueue;
  /** The container is a Swarm task's: when it stops or goes, the message says Swarm replaces it (no Start). */
  swarmTask?: boolean;
  /** Called when this run has to wait for another run on the same container. */
  onWaiting?: () => void;
}

/** Whether this engine's timeout message carries the probe's output (see `RunProbeOptions`). */
export function timeoutIncludesOutput(apiVersion: string): boolean {
  const [major, minor] = apiVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 43);
}

/** Whether this engine starts the probe timeout once the process runs (see `RunProbeOptions`). */
export function timeoutFromProcessStart(apiVersion: string): boolean {
  const [major, minor] = apiVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 42);
}

/**
 * Runs one probe inside a container through the exec endpoints and returns what Docker's own health
 * monitor would record for it (moby daemon/health.go): exit code and output (4096 bytes at most, then
 * "..."); after the timeout, exit -1 with `Health check exceeded timeout (<timeout>)`; when the exec
 * cannot start (a CMD binary that does not exist), exit -1 with the engine's error text. The timer
 * starts before the exec is created, as Engine 20.10's monitor does, or once the process has started, as
 * Engine 23+ do (`timeoutFromProcessStart`). With `flavor: 'podman'` the result is what Podman's monitor
 * would record instead (`podmanResult`).
 */
export async function runProbe(engine: ProbeEngine, containerId: string, plan: ProbePlan, options: RunProbeOptions): Promise<ProbeOutcome> {
  if (!options.queue) return runOnce(engine, containerId, plan, options);
  const now = options.now ?? (() => performance.now());
  const queued = now();
  const turn = await options.queue.turn(containerId, options.signal, options.onWaiting);
  if (!turn) return { kind: 'cancelled', durationMs: now() - queued };
  try {
    return await runOnce(engine, containerId, plan, options);
  } finally {
    turn.release();
  }
}

/**
 * One probe. A probe stopped by its timeout or by Cancel has its process ended before this returns,
 * as the monitor waits for a killed probe to exit before recording the result (moby daemon/health.go
 * `<-execErr` after `cancelProbe()`): the next run never overlaps a dying one.
 */
async function runOnce(engine: ProbeEngine, containerId: string, plan: ProbePlan, options: RunProbeOptions): Promise<ProbeOutcome> {
  const now = options.now ?? (() => performance.now());
  const podman = options.flavor === 'podman';
  const output = podman ? new LimitedOutput(PODMAN_MAX_OUTPUT_BYTES, false) : new LimitedOutput();
  const stop = new AbortController();
  const started = now();
  const startedAt = Date.now();
  // setTimeout holds at most 2^31-1 ms (about 24 days); a longer timeout is as good as none.
  const timeoutMs = Math.max(1, Math.min(plan.timeoutNs / 1e6, 2 ** 31 - 1));
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const startTimer = (): void => {
    timer ??= setTimeout(() => {
      timedOut = true;
      stop.abort();
    }, timeoutMs);
  };
  if (!options.timeoutFromProcessStart) startTimer();
  const onCancel = (): void => stop.abort();
  options.signal?.addEventListener('abort', onCancel);
  if (options.signal?.aborted) stop.abort();
  try {
    const outcome = await engine.exec(
      containerId,
      { argv: plan.argv, user: plan.user, workingDir: plan.workingDir },
      (chunk) => output.write(chunk),
      stop.signal,
      options.timeoutFromProcessStart ? startTimer : undefined,
    );
    const durationMs = now() - started;
    if (podman) return await podmanResult(engine, containerId, outcome, output.toString(), durationMs, startedAt);
    if ((outcome.pid === 0 || (outcome.exitCode ?? 0) > 128) && (await stoppedUnderTheProbe(engine, containerId, startedAt))) {
      // The container stopped or was removed under the probe (its process was killed, or never got to
      // start): Docker's monitor stops with the container and records nothing (moby daemon/health.go
      // `monitor`), so neither do we.
      return { kind: 'error', message: await goneOrStopped(engine, containerId, options, `exit ${outcome.exitCode}`, true) };
    }
    if (outcome.pid === 0) {
      // The process never started: the engine wrote its start error into the stream (+ "\r\n", moby
      // api/server/router/container/exec.go) and set exit 126; the health monitor records exit -1
      // with the bare error text instead.
      return { kind: 'result', exitCode: -1, output: output.toString().replace(/\r\n$/, ''), durationMs, timedOut: false };
    }
    if (outcome.exitCode === null) {
      return { kind: 'error', message: await goneOrStopped(engine, containerId, options, 'the probe ended without an exit code') };
    }
    return { kind: 'result', exitCode: outcome.exitCode, output: output.toString(), durationMs, timedOut: false };
  } catch (error) {
    const durationMs = now() - started;
    if (timedOut || stop.signal.aborted) {
      // Stopped while the process ran: end it (the abort error names its exec). Any other error after
      // the stop is a request cut short once the output had ended, when the process was already done.
      const lingering = error instanceof ExecAbortedError ? await endProbe(engine, containerId, error.execId) : undefined;
      const extra = lingering === undefined ? {} : { lingering };
      if (!timedOut) return { kind: 'cancelled', durationMs, ...extra };
      if (podman) {
        // Podman does not kill a late probe: its monitor records -1 with the probe's output once the
        // process ends on its own (libpod/healthcheck.go). A Run probe does not wait that long: it ends
        // the process as on Docker, so nothing lingers, and reports what was printed so far.
        return { kind: 'result', exitCode: -1, output: output.toString().replace(/\n$/, ''), durationMs, timedOut: true, ...extra };
      }
      const message = `Health check exceeded timeout (${formatDuration(plan.timeoutNs)})`;
      const printed = output.toString();
      return {
        kind: 'result',
        exitCode: -1,
        output: options.timeoutIncludesOutput && printed !== '' ? `${message}: ${printed}` : message,
        durationMs,
        timedOut: true,
        ...extra,
      };
    }
    if (error instanceof EngineNotFoundError || error instanceof EngineConflictError) {
      return { kind: 'error', message: await goneOrStopped(engine, containerId, options, errorText(error)) };
    }
    // Podman refuses an exec in a stopped container with a 500 ("container state improper"), not
    // Docker's 409; whatever the status, a container that is not running explains the refusal best.
    if (await stoppedUnderTheProbe(engine, containerId, startedAt)) return { kind: 'error', message: await goneOrStopped(engine, containerId, options, errorText(error)) };
    return { kind: 'error', message: `The Docker Engine failed the probe: ${errorText(error)}. Check that Docker is running and try again.` };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
  }
}

/** Podman's limit on a health log entry's output (libpod/healthcheck.go `MaxHealthCheckLogLength`). */
const PODMAN_MAX_OUTPUT_BYTES = 500;

/**
 * What Podman 4.3's monitor records (libpod/healthcheck.go `runHealthCheck`, checked against 4.3.1):
 * exit 0 stays 0 and every other exit is 1, a command the runtime cannot start included; the output
 * loses its final newline. Its exec inspect reports Pid 0 once an exec has ended, so unlike on Docker
 * the pid cannot tell a process that never started; a container that stopped under the probe is
 * noticed from its state instead.
 */
async function podmanResult(engine: ProbeEngine, containerId: string, outcome: ExecOutcome, printed: string, durationMs: number, startedAt: number): Promise<ProbeOutcome> {
  // Podman has no Swarm: its containers are never task containers.
  if ((outcome.exitCode === null || outcome.exitCode > 128) && (await stoppedUnderTheProbe(engine, containerId, startedAt))) {
    return { kind: 'error', message: await goneOrStopped(engine, containerId, {}, `exit ${outcome.exitCode}`) };
  }
  if (outcome.exitCode === null) return { kind: 'error', message: await goneOrStopped(engine, containerId, {}, 'the probe ended without an exit code') };
  return { kind: 'result', exitCode: outcome.exitCode === 0 ? 0 : 1, output: printed.replace(/\n$/, ''), durationMs, timedOut: false };
}

/** Ends a stopped probe's process; returns why it may still be running, or undefined when it is not. */
async function endProbe(engine: ProbeEngine, containerId: string, execId: string | undefined): Promise<string | undefined> {
  // No exec ID: the engine had not yet created the exec, so nothing was started.
  if (execId === undefined) return undefined;
  try {
    const ending = await engine.endExec(containerId, execId);
    return ending.ended ? undefined : ending.reason;
  } catch (error) {
    // The container (or the exec with it) is gone: so are its processes.
    if (error instanceof EngineNotFoundError) return undefined;
    return `the engine failed the attempt: ${errorText(error)}`;
  }
}

/**
 * Whether the container stopped, or is being stopped, since the probe started. The exec's end can reach
 * us before the container's own exit does (seen on Engine 20.10 and 26: the events run
 * `kill | exec_die | die`, and an inspect between the last two still says running), so a signal the
 * engine sent it since then counts as stopping.
 */
async function stoppedUnderTheProbe(engine: ProbeEngine, containerId: string, sinceMs: number): Promise<boolean> {
  try {
    return !(await engine.inspectContainer(containerId)).running || (await engine.signalledSince(containerId, sinceMs));
  } catch {
    return true;
  }
}

/** Turns an engine refusal into what happened to the container and what to do. */
async function goneOrStopped(engine: ProbeEngine, containerId: string, options: Pick<RunProbeOptions, 'swarmTask'>, detail: string, stopping = false): Promise<string> {
  const short = containerId.slice(0, 12);
  // A task container is never started again: swarmkit starts a new task (a new container) in its slot.
  const again = options.swarmTask
    ? 'Swarm starts a new task in its place (docker service ps shows why); run the probe again once it runs.'
    : 'Start the service and run the probe again.';
  try {
    const container = await engine.inspectContainer(containerId);
    if (container.paused) return `Container ${container.name} is paused, so nothing ran (Docker does not probe paused containers either). Unpause it and run the probe again.`;
    if (!container.running) return `Container ${container.name} is not running, so no probe result was recorded. ${again}`;
    if (stopping) return `Container ${container.name} is stopping (the engine signalled it during the probe), so no probe result was recorded. ${again}`;
    return `The probe in ${container.name} ended without a result (${detail}). Run it again.`;
  } catch (error) {
    if (error instanceof EngineNotFoundError) {
      return `Container ${short} was removed, so no probe result was recorded. ${again}`;
    }
    return `The probe in container ${short} ended without a result (${detail}).`;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
