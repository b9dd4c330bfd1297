import type { Clock } from '../../../src/core/health/coalesce';
import type { ContainerDetails, ContainerSummary, EngineClient, EngineEvent, EngineEventListener, EngineFlavor, EngineVersion, EventSubscription, LogStream } from '../../../src/core/engine/types';

/**
 * An engine in memory implementing the tree's and the monitor's part of `EngineClient` (the probe's part
 * is test/unit/probe/fakeEngine.ts): tests change its containers and emit events.
 */
export class FakeEngine implements Pick<EngineClient, 'version' | 'listComposeContainers' | 'inspectComposeContainer' | 'watchEvents' | 'restartContainer' | 'followLogs'> {
  readonly containers = new Map<string, ContainerDetails>();
  readonly calls = { version: 0, list: 0, inspect: 0, events: 0, restart: 0 };
  /** When set, every call fails with this error (an engine that is down). */
  failure: (Error & { code?: string; syscall?: string }) | undefined;
  /** 'podman': /version says so, and the list carries no health (as Podman 4.3's does). */
  flavor: EngineFlavor = 'docker';
  /** When set, inspects wait for it: lets a test deliver events while an inspect is on its way. */
  inspectGate: Promise<void> | undefined;
  private readonly listeners = new Set<EngineEventListener>();

  async version(): Promise<EngineVersion> {
    this.calls.version++;
    this.check();
    return { version: '99.0-fake', apiVersion: '1.41', flavor: this.flavor };
  }

  async listComposeContainers(): Promise<ContainerSummary[]> {
    this.calls.list++;
    this.check();
    return [...this.containers.values()].map(({ id, name, image, compose, state, health, status, exitCode }) => ({
      id,
      name,
      image,
      compose,
      state,
      health: this.flavor === 'podman' ? 'none' : health,
      status,
      exitCode,
    }));
  }

  async inspectComposeContainer(id: string): Promise<ContainerDetails | undefined> {
    this.calls.inspect++;
    const snapshot = this.containers.get(id);
    const copy = snapshot ? structuredClone(snapshot) : undefined;
    if (this.inspectGate) await this.inspectGate;
    this.check();
    return copy;
  }

  async watchEvents(listener: EngineEventListener): Promise<EventSubscription> {
    this.calls.events++;
    this.check();
    this.listeners.add(listener);
    return { close: () => this.listeners.delete(listener) };
  }

  async restartContainer(): Promise<void> {
    this.calls.restart++;
  }

  async followLogs(): Promise<LogStream> {
    return { ended: Promise.resolve(), close: () => undefined };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  emit(event: EngineEvent): void {
    for (const l of [...this.listeners]) l.onEvent(event);
  }

  /** The engine goes away: streams end, calls fail with ENOENT until `revive()`. */
  stop(): void {
    this.failure = Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT', syscall: 'connect' });
    const ended = [...this.listeners];
    this.listeners.clear();
    for (const l of ended) l.onEnd();
  }

  revive(): void {
    this.failure = undefined;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

export function container(id: string, project: string, service: string, patch: Partial<ContainerDetails> = {}): ContainerDetails {
  return {
    id,
    name: `${project}-${service}-1`,
    image: 'img',
    compose: { project, service, containerNumber: 1 },
    state: 'running',
    health: 'none',
    status: 'Up',
    failingStreak: 0,
    probeLog: [],
    ...patch,
  };
}

export function event(action: EngineEvent['action'], containerId: string, patch: Partial<EngineEvent> = {}): EngineEvent {
  return { action, containerId, timeNano: 0, ...patch };
}

/** Timers under the test's control: nothing fires until `advance`. */
export class FakeClock implements Clock {
  private time = 0;
  private nextId = 1;
  private readonly tasks = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.tasks.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.tasks.delete(handle as number);
  }

  get pending(): number[] {
    return [...this.tasks.values()].map((t) => t.at - this.time);
  }

  /** Moves time forward, running due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.tasks.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.tasks.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
