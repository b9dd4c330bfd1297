import { Emitter, type Event } from '../engine/emitter';
import { EngineNotFoundError } from '../engine/errors';
import type { EngineClient, EventSubscription, Health } from '../engine/types';
import type { SwarmApi } from './api';
import { swarmChangeOf, taskSettled, type SwarmChange } from './events';
import { buildSwarmModel, currentTasks } from './model';
import type { NodeData, ServiceData, SwarmModel, TaskData } from './types';

/**
 * What the monitor can show for an engine: `inactive` (not in a swarm), `worker` (in a swarm, but only
 * managers answer the services/tasks/nodes lists, so its stacks are seen through a manager), `active`.
 */
export type SwarmStatus = { kind: 'inactive' } | { kind: 'worker'; nodeId: string } | { kind: 'active'; nodeId: string };

/**
 * The live Swarm model of one engine: read once, then kept current from events only (service and node
 * events, and the task containers' events on this node), never polled. The events stream is opened
 * before the first read, so nothing that happens during it is missed; changes are applied one at a
 * time, each reading only what the event says changed (`swarmChangeOf`).
 */
export class SwarmMonitor {
  private readonly changed = new Emitter<SwarmModel>();
  /** The model after each applied change. */
  readonly onDidChange: Event<SwarmModel> = this.changed.event;
  private localNodeId = '';
  private services = new Map<string, ServiceData>();
  private tasks = new Map<string, TaskData[]>();
  private nodes: NodeData[] = [];
  private readonly health = new Map<string, Health>();
  private subscription: EventSubscription | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly pending = new Set<string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private disposed = false;
  private current: SwarmModel = { stacks: [], nodes: [], localNodeId: '' };

  constructor(
    private readonly api: SwarmApi,
    private readonly engine: Pick<EngineClient, 'inspectContainer' | 'swarmState'>,
  ) {}

  async start(): Promise<SwarmStatus> {
    const state = await this.engine.swarmState();
    if (state.localNodeState !== 'active') return { kind: 'inactive' };
    if (!state.manager) return { kind: 'worker', nodeId: state.nodeId };
    this.localNodeId = state.nodeId;
    this.subscription = await this.api.watchSwarmEvents({
      onEvent: (event) => {
        const change = swarmChangeOf(event);
        if (change) this.enqueue(change);
      },
      // The stream is the engine connection's: when it ends, the connection goes down and its owner
      // disposes this monitor (SwarmViews); the next connection reads the swarm afresh.
      onEnd: () => undefined,
    });
    await this.run(() => this.readAll());
    return { kind: 'active', nodeId: state.nodeId };
  }

  model(): SwarmModel {
    return this.current;
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.subscription?.close();
    this.changed.dispose();
  }

  private enqueue(change: SwarmChange, attempt = 0): void {
    // A burst of events about one thing (a scale: create, start, health… per task) needs one read.
    const key = change.kind === 'nodes' ? 'nodes' : change.kind === 'service' ? `service/${change.serviceId}` : `${change.kind}/${change.taskId}/${change.expect ?? ''}`;
    if (this.pending.has(key)) return;
    this.pending.add(key);
    void this.run(async () => {
      this.pending.delete(key);
      await this.apply(change);
      this.settleLater(change, attempt);
    });
  }

  /**
   * The Engine API has no task events, and a task's progress reaches the manager's events stream only
   * through its container's events, which are this node's alone: a task on another node, or one whose
   * new state the manager records a moment after its container's event, changes without an event. So
   * while a task of the service is not yet where the last event said it goes (`taskSettled`), or is
   * still on its way to running, the service's tasks are read again with a growing delay, at most
   * `SETTLE_DELAYS_MS.length` times (about 16 s in all); the next event reads again anyway.
   */
  private settleLater(change: SwarmChange, attempt: number): void {
    if (change.kind === 'nodes' || (change.kind === 'service' && change.removed) || attempt >= SETTLE_DELAYS_MS.length) return;
    const tasks = currentTasks(this.tasks.get(change.serviceId) ?? []);
    const expect = change.kind === 'service' ? undefined : change.expect;
    const taskId = change.kind === 'service' ? undefined : change.taskId;
    // Right after a service is made or scaled its tasks may not exist yet (the orchestrator creates them next).
    const replicas = this.services.get(change.serviceId)?.Spec.Mode?.Replicated?.Replicas;
    const missing = replicas !== undefined && tasks.filter((task) => task.DesiredState === 'running').length < replicas;
    const unsettled =
      missing ||
      tasks.some((task) => (task.ID === taskId && expect ? !taskSettled(task.Status.State, expect) : task.DesiredState === 'running' && !taskSettled(task.Status.State, 'running')));
    if (!unsettled) return;
    // A retry only reads: a health status is set by its own event, never again from an older one.
    const retry: SwarmChange = change.kind === 'health' ? { kind: 'tasks', serviceId: change.serviceId, taskId: change.taskId, expect: change.expect ?? 'running' } : change;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.disposed) this.enqueue(retry, attempt + 1);
    }, SETTLE_DELAYS_MS[attempt]);
    this.timers.add(timer);
  }

  /** Runs `work` after everything queued before it; a failed read is dropped (the next event reads again). */
  private run(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.disposed) return;
      await work();
      this.publish();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async apply(change: SwarmChange): Promise<void> {
    switch (change.kind) {
      case 'service':
        if (change.removed) {
          this.services.delete(change.serviceId);
          this.tasks.delete(change.serviceId);
          return;
        }
        this.services = byId(await this.api.listServices());
        await this.readTasks(change.serviceId);
        return;
      case 'tasks':
        await this.readTasks(change.serviceId);
        return;
      case 'health':
        this.health.set(change.containerId, change.health);
        // The task's state follows its health (healthy → running, unhealthy → failed): read it.
        await this.readTasks(change.serviceId);
        return;
      case 'nodes':
        await this.readAll();
        return;
    }
  }

  private async readAll(): Promise<void> {
    const [services, tasks, nodes] = await Promise.all([this.api.listServices(), this.api.listTasks(), this.api.listNodes()]);
    this.services = byId(services);
    this.nodes = nodes;
    this.tasks = new Map();
    for (const task of tasks) this.tasks.set(task.ServiceID, [...(this.tasks.get(task.ServiceID) ?? []), task]);
    await this.readLocalHealth(tasks);
  }

  private async readTasks(serviceId: string): Promise<void> {
    const tasks = await this.api.listTasks(serviceId);
    this.tasks.set(serviceId, tasks);
    await this.readLocalHealth(tasks);
  }

  /** Inspects this node's task containers whose health no event has told yet (Docker emits no `health_status: starting`). */
  private async readLocalHealth(tasks: readonly TaskData[]): Promise<void> {
    const unknown = tasks
      .filter((task) => task.NodeID === this.localNodeId && task.DesiredState === 'running')
      .map((task) => task.Status.ContainerStatus?.ContainerID)
      .filter((id): id is string => !!id && !this.health.has(id));
    await Promise.all(
      unknown.map(async (id) => {
        try {
          const container = await this.engine.inspectContainer(id);
          this.health.set(id, healthOf(container.health?.status));
        } catch (error) {
          // Removed between the list and the inspect: the task's next events say what replaced it.
          if (!(error instanceof EngineNotFoundError)) throw error;
        }
      }),
    );
  }

  private publish(): void {
    this.current = buildSwarmModel({
      localNodeId: this.localNodeId,
      services: [...this.services.values()],
      tasks: [...this.tasks.values()].flat(),
      nodes: this.nodes,
      containerHealth: this.health,
    });
    this.changed.fire(this.current);
  }
}

/** Delays between the reads that wait for a task's state to catch up (see `settleLater`); about 16 s in all. */
const SETTLE_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000];

const byId = (services: readonly ServiceData[]): Map<string, ServiceData> => new Map(services.map((service) => [service.ID, service]));

/** An inspect's `State.Health.Status` as a health (no healthcheck: `none`). */
export function healthOf(status: string | undefined): Health {
  return status === 'starting' || status === 'healthy' || status === 'unhealthy' ? status : 'none';
}
