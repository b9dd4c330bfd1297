import { describeAddressSource } from '../engine/address';
import type { ConnectionState, EngineConnectionView, EngineSession } from '../engine/connection';
import type { Disposable } from '../engine/emitter';
import type { ContainerSummary, EngineClient, EngineEvent } from '../engine/types';
import type { EngineId, EngineStatus } from './model';
import { hasHealthcheck } from './reducer';
import type { HealthStore } from './store';

/** The part of the engine client the monitor uses: the connection's, plus the Compose list and inspect. */
export type MonitorClient = Pick<EngineClient, 'version' | 'watchEvents' | 'listComposeContainers' | 'inspectComposeContainer'>;

/**
 * Feeds the health store from one engine's connection (one monitor per engine, each with its own
 * stream, so a slow or lost engine holds up no other): the connection's state, one list call per
 * (re)connect, then events only. Inspects happen on request (hover, expand), after a health event, or
 * after the list on an engine whose list carries no health (Podman), at most one at a time per container.
 */
export class HealthMonitor implements Disposable {
  private readonly subscriptions: Disposable[];
  /** Events that arrive while a list call is on its way are replayed on top of its result. */
  private buffered: EngineEvent[] | undefined;
  private resyncsInFlight = 0;
  private readonly inflight = new Map<string, Promise<void>>();
  /** Containers that had a new event while their inspect was on its way: inspect again afterwards. */
  private readonly stale = new Set<string>();
  /**
   * Containers an inspect showed to have no healthcheck. A container's healthcheck is fixed when it
   * is created (moby `daemon/create.go`; Podman 4.3 has no way to change it either), so a resync on an
   * engine whose list carries no health need not inspect these again.
   */
  private readonly withoutHealthcheck = new Set<string>();
  /** Set when the engine leaves the setting: a list or inspect still on its way must not bring it back into the store. */
  private disposed = false;
  /** Podman's second read of a probe's result (see onEvent), cancelled on dispose. */
  private readonly rereads = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly engineId: EngineId,
    private readonly connection: EngineConnectionView<MonitorClient>,
    private readonly store: HealthStore,
    private readonly onError: (message: string) => void = () => undefined,
  ) {
    this.subscriptions = [
      connection.onDidChangeState((state) => this.onState(state)),
      connection.onDidConnect((session) => void this.resync(session)),
      connection.onEvent((event) => this.onEvent(event)),
    ];
    this.onState(connection.state);
  }

  /** Starts the connection (once); everything else follows from its events. */
  start(): void {
    this.connection.start();
  }

  /** One list call to bring the store in line with the engine (the Refresh command). */
  async refresh(): Promise<void> {
    const session = this.connection.session;
    if (session) await this.resync(session);
    else this.connection.retryNow();
  }

  /** Fetches a container's probe log and failing streak (one inspect, shared by concurrent callers). */
  requestDetails(id: string): Promise<void> {
    const running = this.inflight.get(id);
    if (running) return running;
    const inspection = this.inspect(id).finally(() => this.inflight.delete(id));
    this.inflight.set(id, inspection);
    return inspection;
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.rereads) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
  }

  private onState(state: ConnectionState<MonitorClient>): void {
    // "connected" is announced together with the list's result (resync), so that a view never shows a
    // connected engine with nothing in it for the moment the list call takes.
    const status: EngineStatus | undefined =
      state.kind === 'idle'
        ? { kind: 'unknown' }
        : state.kind === 'connecting'
          ? { kind: 'connecting', url: state.url }
          : state.kind === 'down'
            ? { kind: 'down', url: state.url, problem: state.problem }
            : undefined;
    if (status) this.store.dispatch({ type: 'engine', engineId: this.engineId, status });
  }

  private async resync(session: EngineSession<MonitorClient>): Promise<void> {
    this.buffered = this.buffered ?? [];
    this.resyncsInFlight++;
    let containers;
    try {
      containers = await session.client.listComposeContainers();
    } catch (error) {
      if (session === this.connection.session) this.connection.drop(error);
    } finally {
      this.resyncsInFlight--;
    }
    if (containers && session === this.connection.session && !this.disposed) {
      const source = session.address.source;
      const engine: EngineStatus = { kind: 'connected', url: session.address.url, version: session.version, origin: describeAddressSource(source) };
      if (source.kind === 'context') engine.context = source.name;
      const listLacksHealth = session.version.flavor === 'podman';
      this.store.dispatch({ type: 'resync', engineId: this.engineId, containers, engine, listLacksHealth });
      if (listLacksHealth) this.completeHealth(containers);
    }
    if (this.resyncsInFlight > 0) return;
    const replay = this.buffered ?? [];
    this.buffered = undefined;
    if (session === this.connection.session) for (const event of replay) this.onEvent(event);
  }

  /**
   * Podman's list (4.3, compat `GET /containers/json`) has no `(healthy)` in its status text and no
   * `Health` field, so health comes only from inspect or events, and what changed while no stream
   * was open is known only by inspecting. Only running containers are probed (moby
   * daemon/health.go; Podman likewise), and containers known to have no healthcheck are skipped, so
   * a refresh inspects just the containers whose health can be out of date.
   */
  private completeHealth(containers: readonly ContainerSummary[]): void {
    const listed = new Set(containers.map((c) => c.id));
    for (const id of this.withoutHealthcheck) if (!listed.has(id)) this.withoutHealthcheck.delete(id);
    for (const c of containers) if (c.state === 'running' && !this.withoutHealthcheck.has(c.id)) void this.requestDetails(c.id);
  }

  private onEvent(event: EngineEvent): void {
    if (this.buffered) {
      this.buffered.push(event);
      return;
    }
    const before = this.store.container(event.containerId);
    this.store.dispatch({ type: 'event', engineId: this.engineId, event });
    // A health change brings a new probe log; a created or (re)started container may have gained or
    // reset a healthcheck; a container first seen through an event is only half known. On Podman a
    // probe's result is known only once its exec has died (see parse.ts PODMAN_ACTIONS): one inspect
    // per probe of a container with a healthcheck, where Docker needs one per change of health.
    const probeEnded = event.action === 'exec_died' && before !== undefined && hasHealthcheck(before);
    const wantsDetails = event.action === 'health_status' || event.action === 'start' || event.action === 'create' || probeEnded || !before;
    if (!wantsDetails || !this.store.container(event.containerId)) return;
    if (this.inflight.has(event.containerId)) this.stale.add(event.containerId);
    const read = this.requestDetails(event.containerId);
    if (probeEnded) void read.then(() => this.rereadIfUnchanged(event.containerId, before.details?.probeLog.at(-1)?.end));
  }

  /**
   * Podman 4.3 emits `exec_died` as a probe's process ends, before it has written the result into the
   * container's health log: an inspect right then can still show the log and status from before (seen in
   * CI: `starting` after a passing `podman healthcheck run`, with no later event to read it again). When
   * the inspect that followed shows no newer probe, the log is read once more a moment later.
   */
  private rereadIfUnchanged(id: string, lastEnd: string | undefined): void {
    if (this.disposed || this.store.container(id)?.details?.probeLog.at(-1)?.end !== lastEnd) return;
    const timer = setTimeout(() => {
      this.rereads.delete(timer);
      if (!this.disposed && this.store.container(id)) void this.requestDetails(id);
    }, PODMAN_LOG_WRITE_MS);
    this.rereads.add(timer);
  }

  private async inspect(id: string): Promise<void> {
    do {
      this.stale.delete(id);
      const session = this.connection.session;
      if (!session) return;
      const requestSeq = this.store.state.seq;
      let details;
      try {
        details = await session.client.inspectComposeContainer(id);
      } catch (error) {
        // The events stream notices a lost engine by itself; anything else is worth a line in the log.
        this.onError(`Inspecting container ${id.slice(0, 12)} failed: ${(error as Error).message}`);
        return;
      }
      if (session !== this.connection.session || this.disposed) return;
      const test = details?.healthcheck?.test;
      if (details && (!test || test.length === 0 || test[0] === 'NONE')) this.withoutHealthcheck.add(id);
      else this.withoutHealthcheck.delete(id);
      this.store.dispatch({ type: 'details', id, details, requestSeq });
    } while (this.stale.has(id));
  }
}

/** How long after `exec_died` Podman's health log is read again when the first read still showed the old one. */
const PODMAN_LOG_WRITE_MS = 500;
