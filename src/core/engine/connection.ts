import type { EngineAddress } from './address';
import { Emitter, type Event } from './emitter';
import { describeEngineError, type EngineProblem } from './errors';
import type { RawSwarmEvent } from '../swarm/events';
import type { EngineClient, EngineEvent, EngineVersion, EventSubscription } from './types';

/** What the connection itself asks of a client: proof that the engine answers, then its events. */
export type ConnectingClient = Pick<EngineClient, 'version' | 'watchEvents'>;

/** One live connection: what the tree shows as "connected to …", and the client the capabilities use. */
export interface EngineSession<C extends ConnectingClient = EngineClient> {
  address: EngineAddress;
  client: C;
  version: EngineVersion;
}

export type ConnectionState<C extends ConnectingClient = EngineClient> =
  | { kind: 'idle' }
  | { kind: 'connecting'; url?: string }
  | { kind: 'connected'; session: EngineSession<C> }
  | { kind: 'down'; url?: string; problem: EngineProblem; failures: number; retryInMs: number };

export type OpenResult<C extends ConnectingClient> = { ok: true; address: EngineAddress; client: C } | { ok: false; url?: string; error: string };

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface EngineConnectionOptions<C extends ConnectingClient> {
  /** Resolves the address and builds a client. Called for every attempt, so a changed setting or context applies. */
  open(): OpenResult<C>;
  timers?: Timers;
}

/** Waits 0.25 s, 0.5 s, 1 s, 2 s, 4 s, then 5 s between attempts: never more than ~5 s. */
export function reconnectDelay(failures: number): number {
  return Math.min(5000, 250 * 2 ** Math.max(0, failures - 1));
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What consumers of the connection use (the health monitor, the probe runner, the tree). */
export interface EngineConnectionView<C extends ConnectingClient = EngineClient> {
  readonly state: ConnectionState<C>;
  readonly session: EngineSession<C> | undefined;
  readonly onDidChangeState: Event<ConnectionState<C>>;
  readonly onDidConnect: Event<EngineSession<C>>;
  readonly onEvent: Event<EngineEvent>;
  start(): void;
  retryNow(): void;
  drop(error: unknown): void;
}

/**
 * The shared connection to the engine. It connects only when `start()` is first called, holds one
 * `/events` stream while connected (an idle HTTP response: no timers, no requests), and only while
 * disconnected runs a backoff timer to try again. Consumers listen to `onDidConnect` (resynchronise) and
 * `onEvent`; `session` gives the current client (the one the probe uses too).
 */
export class EngineConnection<C extends ConnectingClient = EngineClient> implements EngineConnectionView<C> {
  private current: ConnectionState<C> = { kind: 'idle' };
  private subscription: EventSubscription | undefined;
  private retryTimer: unknown;
  private attempt = 0;
  private failures = 0;
  private disposed = false;
  private readonly timers: Timers;
  private readonly stateEmitter = new Emitter<ConnectionState<C>>();
  private readonly connectEmitter = new Emitter<EngineSession<C>>();
  private readonly eventEmitter = new Emitter<EngineEvent>();
  private readonly swarmEventEmitter = new Emitter<RawSwarmEvent>();

  /** Every state change: idle → connecting → connected | down → … */
  readonly onDidChangeState: Event<ConnectionState<C>> = this.stateEmitter.event;
  /** A session opened, with its events stream already running: time to resynchronise. */
  readonly onDidConnect: Event<EngineSession<C>> = this.connectEmitter.event;
  /** Container events of the current session. */
  readonly onEvent: Event<EngineEvent> = this.eventEmitter.event;
  /** Swarm events of the current session, from the same stream (a Docker engine's service, node and task-container events). */
  readonly onSwarmEvent: Event<RawSwarmEvent> = this.swarmEventEmitter.event;

  constructor(private readonly options: EngineConnectionOptions<C>) {
    this.timers = options.timers ?? realTimers;
  }

  get state(): ConnectionState<C> {
    return this.current;
  }

  get session(): EngineSession<C> | undefined {
    return this.current.kind === 'connected' ? this.current.session : undefined;
  }

  /** Connects unless already started. */
  start(): void {
    if (this.current.kind === 'idle' && !this.disposed) void this.connect(true);
  }

  /** Tries again now (the Retry action), forgetting the backoff. */
  retryNow(): void {
    if (this.disposed || this.current.kind === 'connected' || this.current.kind === 'connecting') return;
    this.failures = 0;
    void this.connect(true);
  }

  /** Drops the current session (if any) and connects again, e.g. after the address setting changed. */
  reconnect(): void {
    if (this.disposed || this.current.kind === 'idle') return;
    this.closeSession();
    this.failures = 0;
    void this.connect(true);
  }

  /** Gives up the current session after a request failed although the stream is up; retries with backoff. */
  drop(error: unknown): void {
    const session = this.session;
    if (!session || this.disposed) return;
    this.closeSession();
    this.fail(this.attempt, session.address.url, describeEngineError(error, session.address.url));
  }

  dispose(): void {
    this.disposed = true;
    this.closeSession();
    this.stateEmitter.dispose();
    this.connectEmitter.dispose();
    this.eventEmitter.dispose();
    this.swarmEventEmitter.dispose();
  }

  /** Backoff attempts keep showing the last failure instead of flickering through "connecting". */
  private async connect(announce: boolean): Promise<void> {
    this.cancelRetry();
    const attempt = ++this.attempt;
    const opened = this.options.open();
    if (!opened.ok) {
      this.fail(attempt, opened.url, { message: opened.error, hint: 'Fix the Docker address, then choose Retry.' });
      return;
    }
    const { address, client } = opened;
    if (announce) this.setState({ kind: 'connecting', url: address.url });
    try {
      const version = await client.version();
      if (attempt !== this.attempt) return;
      const subscription = await client.watchEvents({
        onEvent: (event) => {
          if (attempt === this.attempt) this.eventEmitter.fire(event);
        },
        onSwarmEvent: (event) => {
          if (attempt === this.attempt) this.swarmEventEmitter.fire(event);
        },
        onEnd: (error) => {
          if (attempt === this.attempt && this.current.kind === 'connected') {
            this.subscription = undefined;
            this.fail(attempt, address.url, describeEngineError(error ?? new Error('the engine closed the event stream'), address.url));
          }
        },
      });
      if (attempt !== this.attempt) {
        subscription.close();
        return;
      }
      this.subscription = subscription;
      this.failures = 0;
      const session: EngineSession<C> = { address, client, version };
      this.setState({ kind: 'connected', session });
      this.connectEmitter.fire(session);
    } catch (error) {
      if (attempt === this.attempt) this.fail(attempt, address.url, describeEngineError(error, address.url));
    }
  }

  private fail(attempt: number, url: string | undefined, problem: EngineProblem): void {
    if (this.disposed || attempt !== this.attempt) return;
    this.failures++;
    const retryInMs = reconnectDelay(this.failures);
    this.setState({ kind: 'down', url, problem, failures: this.failures, retryInMs });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect(false);
    }, retryInMs);
  }

  private closeSession(): void {
    this.cancelRetry();
    this.attempt++;
    this.subscription?.close();
    this.subscription = undefined;
  }

  private cancelRetry(): void {
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setState(state: ConnectionState<C>): void {
    this.current = state;
    this.stateEmitter.fire(state);
  }
}
