import * as vscode from 'vscode';
import { DockerodeEngineClient } from '../core/engine/dockerodeClient';
import type { EngineSession } from '../core/engine/connection';
import type { EngineId } from '../core/health/model';
import { DockerodeSwarmApi } from '../core/swarm/dockerodeSwarmApi';
import { SwarmMonitor } from '../core/swarm/monitor';
import { NodeTaskHealth, withNodeHealth } from '../core/swarm/nodeHealth';
import { stacksOfFile } from '../core/swarm/stackOfFile';
import type { SwarmModel } from '../core/swarm/types';
import type { EngineHandle, SharedEngine } from '../engine/sharedEngine';

/**
 * What the view knows of an engine's swarm: still reading; not in a swarm; a worker (only managers list
 * services and tasks, so its stacks are seen through a manager); a manager with its live model; or the
 * read failed (the row says why).
 */
export type EngineSwarm =
  | { kind: 'reading' }
  | { kind: 'inactive' }
  | { kind: 'worker'; nodeId: string }
  | { kind: 'active'; nodeId: string; model: SwarmModel }
  | { kind: 'failed'; message: string };

interface Tracked {
  handle: EngineHandle;
  subscriptions: vscode.Disposable[];
  monitor?: SwarmMonitor;
  /** On a worker: its task containers' health, which the managers' views show for tasks on this node. */
  node?: NodeTaskHealth;
  /** The connection's Swarm events feeding `node`, while connected. */
  events?: vscode.Disposable;
  swarm?: EngineSwarm;
}

/**
 * The Swarm side of every engine: when an engine connects, `GET /info` says whether it is a swarm
 * manager, and if so a `SwarmMonitor` keeps its stacks → services → tasks live from the service, node
 * and task-container events of the engine's one events stream (the connection's `onSwarmEvent`); when
 * the connection drops, the monitor goes with it and the next connect reads again. Podman has no swarm.
 */
export class SwarmViews implements vscode.Disposable {
  private readonly tracked = new Map<EngineId, Tracked>();
  /** `swarm()` of each manager with its workers' health filled in, until the next change. */
  private readonly resolved = new Map<EngineId, EngineSwarm>();
  private readonly changed = new vscode.EventEmitter<EngineId>();
  /** An engine's swarm changed (its model, or whether it has one). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly engine: SharedEngine,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.sync();
    this.subscription = engine.onDidChangeEngines(() => this.sync());
  }

  /**
   * The engine's swarm as last read; undefined while it is not connected. A manager's tasks on a node whose
   * own engine is connected too (a worker in the list) carry that engine's health for their container.
   */
  swarm(engineId: EngineId): EngineSwarm | undefined {
    const swarm = this.tracked.get(engineId)?.swarm;
    if (swarm?.kind !== 'active') return swarm;
    let resolved = this.resolved.get(engineId);
    if (!resolved) this.resolved.set(engineId, (resolved = { ...swarm, model: withNodeHealth(swarm.model, this.workers()) }));
    return resolved;
  }

  /** The live model of an engine that manages a swarm. */
  model(engineId: EngineId): SwarmModel | undefined {
    const swarm = this.swarm(engineId);
    return swarm?.kind === 'active' ? swarm.model : undefined;
  }

  /** Whether a connected engine is a Swarm node (manager or worker): the diagnostics then take a file with `deploy:` for a stack file. */
  anyInSwarm(): boolean {
    return [...this.tracked.values()].some((t) => t.swarm?.kind === 'active' || t.swarm?.kind === 'worker');
  }

  /**
   * The manager engines (in the order of `composeHealth.engines`) where a compose file with these
   * services was deployed as a stack (`stacksOfFile`).
   */
  enginesWithStackOf(serviceNames: readonly string[]): EngineId[] {
    return [...this.tracked.keys()].filter((id) => {
      const model = this.model(id);
      return model !== undefined && stacksOfFile(serviceNames, model).length > 0;
    });
  }

  dispose(): void {
    this.subscription.dispose();
    for (const id of [...this.tracked.keys()]) this.forget(id);
    this.changed.dispose();
  }

  private sync(): void {
    const handles = this.engine.engines();
    const ids = new Set(handles.map((h) => h.id));
    for (const id of [...this.tracked.keys()]) if (!ids.has(id)) this.forget(id);
    for (const handle of handles) {
      if (this.tracked.get(handle.id)?.handle === handle) continue;
      this.forget(handle.id);
      const tracked: Tracked = { handle, subscriptions: [] };
      this.tracked.set(handle.id, tracked);
      tracked.subscriptions.push(
        handle.connection.onDidConnect((session) => this.open(tracked, session)),
        handle.connection.onDidChangeState((state) => {
          if (state.kind !== 'connected') this.close(tracked);
        }),
      );
      if (handle.connection.session) this.open(tracked, handle.connection.session);
    }
  }

  private open(tracked: Tracked, session: EngineSession): void {
    this.close(tracked);
    const client = session.client;
    if (session.version.flavor !== 'docker' || !(client instanceof DockerodeEngineClient)) return;
    const connection = tracked.handle.connection;
    // The monitor's events are the connection's own stream's (no second `GET /events`); the stream's end is
    // the connection's, which closes the monitor through the state change above.
    const api = new DockerodeSwarmApi(client.docker, async (listener) => {
      const subscription = connection.onSwarmEvent((event) => listener.onEvent(event));
      return { close: () => subscription.dispose() };
    });
    const monitor = new SwarmMonitor(api, client);
    tracked.monitor = monitor;
    this.set(tracked, { kind: 'reading' });
    monitor.onDidChange((model) => {
      if (tracked.monitor === monitor && tracked.swarm?.kind === 'active') this.set(tracked, { ...tracked.swarm, model });
    });
    void monitor.start().then(
      (status) => {
        if (tracked.monitor !== monitor) return;
        this.set(tracked, status.kind === 'active' ? { ...status, model: monitor.model() } : status);
        if (status.kind === 'inactive' || status.kind === 'worker') {
          monitor.dispose();
          tracked.monitor = undefined;
        }
        if (status.kind === 'worker') {
          const node = new NodeTaskHealth(status.nodeId, client);
          tracked.node = node;
          // A container no event has spoken of yet is inspected when first asked for, so nothing before this is missed.
          tracked.events = connection.onSwarmEvent((event) => node.onEvent(event));
          // The managers' views show this node's tasks: redraw them when a task container's health changes here.
          node.onDidChange(() => this.managersChanged());
          this.managersChanged();
        }
      },
      (error: unknown) => {
        if (tracked.monitor !== monitor) return;
        const message = `Reading the swarm of ${session.address.url} failed: ${(error as Error).message}`;
        this.log.warn(message);
        this.set(tracked, { kind: 'failed', message });
      },
    );
  }

  private close(tracked: Tracked): void {
    tracked.monitor?.dispose();
    tracked.monitor = undefined;
    tracked.events?.dispose();
    tracked.events = undefined;
    if (tracked.node) {
      tracked.node.dispose();
      tracked.node = undefined;
      this.managersChanged();
    }
    if (tracked.swarm !== undefined) this.set(tracked, undefined);
  }

  /** The workers' task health by node ID. */
  private workers(): Map<string, NodeTaskHealth> {
    const nodes = new Map<string, NodeTaskHealth>();
    for (const t of this.tracked.values()) if (t.node) nodes.set(t.node.nodeId, t.node);
    return nodes;
  }

  private managersChanged(): void {
    for (const t of this.tracked.values()) {
      if (t.swarm?.kind !== 'active') continue;
      this.resolved.delete(t.handle.id);
      this.changed.fire(t.handle.id);
    }
  }

  private forget(id: EngineId): void {
    const tracked = this.tracked.get(id);
    if (!tracked) return;
    this.close(tracked);
    for (const s of tracked.subscriptions) s.dispose();
    this.tracked.delete(id);
  }

  private set(tracked: Tracked, swarm: EngineSwarm | undefined): void {
    tracked.swarm = swarm;
    this.resolved.delete(tracked.handle.id);
    this.changed.fire(tracked.handle.id);
  }
}
