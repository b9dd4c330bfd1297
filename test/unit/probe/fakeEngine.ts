import type { HealthcheckSpec } from '../../../src/core/compose/healthcheckSpec';
import { EngineNotFoundError, ExecAbortedError } from '../../../src/core/engine/errors';
import type { EngineFlavor, EngineVersion, ExecEnding, ExecOutcome, ExecRequest, InspectedContainer, LabelledContainer } from '../../../src/core/engine/types';
import type { ProbeEngine } from '../../../src/core/probe/engine';

/** A scripted exec: what it prints and how it ends. `hang` never ends until aborted. */
export interface ScriptedExec {
  chunks?: string[];
  outcome?: ExecOutcome;
  hang?: boolean;
  /** Reject the exec itself with this error. */
  error?: Error;
  /** Runs when the exec is started (e.g. to remove the container). */
  onStart?: () => void;
  /** Hand the runner its "process started" signal only when this resolves (default: at once). */
  processStarts?: Promise<void>;
  /** The exec ends (with `outcome`) only once this resolves. */
  until?: Promise<void>;
}

/** An in-memory engine for unit tests: containers, images and scripted execs (the probe's part of `EngineClient`). */
export class FakeEngine implements ProbeEngine {
  containers = new Map<string, InspectedContainer>();
  summaries: LabelledContainer[] = [];
  images = new Map<string, HealthcheckSpec | undefined>();
  execs: ExecRequest[] = [];
  script: ScriptedExec = { outcome: { exitCode: 0, pid: 42 } };
  apiVersion = '1.41';
  flavor: EngineFlavor = 'docker';
  unreachable?: Error;
  imageInspections = 0;
  /** Container list and container inspect calls made. */
  lists = 0;
  containerInspections = 0;
  /** Containers the engine has sent a signal to (stop, kill, removal) during the test. */
  signalled = new Set<string>();
  /** What `endExec` answers, and the exec IDs it was asked to end. */
  ending: ExecEnding = { ended: true };
  endedExecs: string[] = [];
  /** Execs started and not yet ended or aborted, per container. */
  running = new Map<string, number>();
  /** The most execs that ran at once on any one container. */
  mostAtOnce = 0;

  async version(): Promise<EngineVersion> {
    if (this.unreachable) throw this.unreachable;
    return { version: '99.0-fake', apiVersion: this.apiVersion, flavor: this.flavor };
  }

  async listContainers(labels: string[]): Promise<LabelledContainer[]> {
    this.lists++;
    if (this.unreachable) throw this.unreachable;
    return this.summaries.filter((s) => labels.every((l) => (l.includes('=') ? `${l.split('=')[0]}=${s.labels[l.split('=')[0]]}` === l : l in s.labels)));
  }

  async inspectContainer(id: string): Promise<InspectedContainer> {
    this.containerInspections++;
    const c = this.containers.get(id);
    if (!c) throw new EngineNotFoundError(`No such container: ${id}`);
    return c;
  }

  async imageHealthcheck(imageId: string): Promise<HealthcheckSpec | undefined> {
    this.imageInspections++;
    if (!this.images.has(imageId)) throw new EngineNotFoundError(`No such image: ${imageId}`);
    return this.images.get(imageId);
  }

  async signalledSince(containerId: string): Promise<boolean> {
    return this.signalled.has(containerId);
  }

  async exec(
    containerId: string,
    request: ExecRequest,
    onOutput: (chunk: Uint8Array) => void,
    signal?: AbortSignal,
    onStarted?: () => void,
  ): Promise<ExecOutcome> {
    if (!this.containers.has(containerId)) throw new EngineNotFoundError(`No such container: ${containerId}`);
    this.execs.push(request);
    const execId = `exec-${this.execs.length}`;
    const s = this.script;
    if (s.error) throw s.error;
    const count = (this.running.get(containerId) ?? 0) + 1;
    this.running.set(containerId, count);
    this.mostAtOnce = Math.max(this.mostAtOnce, count);
    try {
      s.onStart?.();
      if (s.processStarts) void s.processStarts.then(() => onStarted?.());
      else onStarted?.();
      for (const chunk of s.chunks ?? []) onOutput(Buffer.from(chunk, 'utf8'));
      if (s.hang || s.until) {
        await new Promise<void>((resolve, reject) => {
          const fail = (): void => reject(new ExecAbortedError(execId));
          if (signal?.aborted) fail();
          signal?.addEventListener('abort', fail);
          void s.until?.then(resolve);
        });
      }
      return s.outcome ?? { exitCode: 0, pid: 42 };
    } finally {
      this.running.set(containerId, (this.running.get(containerId) ?? 1) - 1);
    }
  }

  async endExec(_containerId: string, execId: string): Promise<ExecEnding> {
    this.endedExecs.push(execId);
    return this.ending;
  }
}

export function container(id: string, overrides: Partial<InspectedContainer> = {}): InspectedContainer {
  return { id, name: id, imageId: 'sha256:img', image: 'img', state: 'running', status: 'running', running: true, paused: false, user: '', workingDir: '', labels: {}, ...overrides };
}
