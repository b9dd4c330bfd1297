import { EngineNotFoundError, ExecAbortedError } from '../../../src/core/engine/errors';
import type { EngineVersion, ExecOutcome, ExecRequest, InspectedContainer } from '../../../src/core/engine/types';
import type { SuggestEngine } from '../../../src/core/suggest/engine';

/** What a scripted exec does: its output and exit; `missing` is a program the engine cannot start (PID 0). */
export type ExecScript = { output?: string; exitCode?: number; missing?: boolean; hang?: boolean };

/**
 * An in-memory `SuggestEngine`: one container, and execs answered by `answer(argv)` (default: the
 * program is missing). Records every argv it ran.
 */
export class FakeSuggestEngine implements SuggestEngine {
  execs: string[][] = [];
  apiVersionValue = '1.41';
  exposed: string[] = [];
  /** What this machine's /proc shows for the container (the `containerNetTables` fallback); undefined: not visible. */
  hostTables: { tcp: string; tcp6?: string } | undefined;
  removed = false;

  constructor(
    public container: InspectedContainer,
    public answer: (argv: string[]) => ExecScript = () => ({ missing: true }),
  ) {}

  async version(): Promise<EngineVersion> {
    return { version: '99.0-fake', apiVersion: this.apiVersionValue, flavor: 'docker' };
  }
  async listContainers(): Promise<[]> {
    return [];
  }
  async inspectContainer(id: string): Promise<InspectedContainer> {
    if (this.removed || id !== this.container.id) throw new EngineNotFoundError(`No such container: ${id}`);
    return this.container;
  }
  async imageHealthcheck(): Promise<undefined> {
    return undefined;
  }
  async containerNetTables(): Promise<{ tcp: string; tcp6?: string } | undefined> {
    return this.hostTables;
  }
  async imageExposedPorts(): Promise<string[]> {
    return this.exposed;
  }
  ended: string[] = [];

  async exec(_id: string, request: ExecRequest, onOutput: (chunk: Uint8Array) => void, signal?: AbortSignal, onStarted?: () => void): Promise<ExecOutcome> {
    if (this.removed) throw new EngineNotFoundError('No such container');
    this.execs.push(request.argv);
    const script = this.answer(request.argv);
    if (script.missing) {
      onOutput(Buffer.from(`OCI runtime exec failed: exec: "${request.argv[0]}": executable file not found in $PATH\r\n`));
      return { exitCode: 126, pid: 0 };
    }
    onStarted?.();
    if (script.output) onOutput(Buffer.from(script.output));
    if (script.hang) {
      // Runs until stopped: the caller's abort rejects as the adapter does, naming the exec.
      const execId = `exec-${this.execs.length}`;
      return new Promise((_resolve, reject) => {
        const stop = (): void => reject(new ExecAbortedError(execId));
        if (signal?.aborted) stop();
        else signal?.addEventListener('abort', stop, { once: true });
      });
    }
    return { exitCode: script.exitCode ?? 0, pid: 99 };
  }
  async endExec(_id: string, execId: string): Promise<{ ended: true }> {
    this.ended.push(execId);
    return { ended: true };
  }
  async signalledSince(): Promise<boolean> {
    return false;
  }
}

export function container(overrides: Partial<InspectedContainer> = {}): InspectedContainer {
  return {
    id: 'c1',
    name: 'proj-web-1',
    imageId: 'sha256:img',
    image: 'example/web:1',
    state: 'running',
    status: 'running',
    running: true,
    paused: false,
    user: '',
    workingDir: '',
    labels: {},
    startedAt: new Date(Date.now() - 3_600_000).toISOString(),
    ...overrides,
  };
}

/** A /proc/net/tcp with these IPv4 listeners (address as the kernel prints it, e.g. 0100007F). */
export function procNetTcp(...listeners: Array<[hexAddress: string, port: number]>): string {
  const head = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  return head + listeners.map(([a, p], i) => `   ${i}: ${a}:${p.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n`).join('');
}
