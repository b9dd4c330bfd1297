import { Emitter, type Event } from '../engine/emitter';
import { EngineNotFoundError } from '../engine/errors';
import type { EngineClient, EventSubscription, Health } from '../engine/types';
import type { SwarmApi } from './api';
import { swarmChangeOf, taskSettled, type SwarmChange, type TaskExpectation } from './events';
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
  /** Each service's pending re-read while its tasks catch up (`settleLater`). */
  private readonly settling = new Map<string, ReturnType<typeof setTimeout>>();
  /** The state a task's last container event said it goes to, until a read shows it there. */
  private readonly expected = new Map<string, { serviceId: string; expect: TaskExpectation }>();
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
    for (const timer of this.settling.values()) clearTimeout(timer);
    this.subscription?.close();
    this.changed.dispose();
  }

  private enqueue(change: SwarmChange, attempt = 0): void {
    // What the event says is kept at once: a health status (never set again from an older read) and the
    // state its task is on its way to. The read it calls for is then one per service: a burst of events
    // about one service (a rolling update: service updates, the old container's die, the new one's
    // create, start, health…) needs one read of its tasks, not one per event.
    if (change.kind === 'health') this.health.set(change.containerId, change.health);
    // A re-read names no task (`taskId` empty).
    if ((change.kind === 'tasks' || change.kind === 'health') && change.taskId && change.expect) this.expected.set(change.taskId, { serviceId: change.serviceId, expect: change.expect });
    const key = change.kind === 'nodes' ? 'nodes' : change.kind === 'service' ? `service/${change.serviceId}` : `tasks/${change.serviceId}`;
    if (this.pending.has(key)) return;
    this.pending.add(key);
    void this.run(async () => {
      this.pending.delete(key);
      await this.apply(change);
      if (change.kind !== 'nodes') this.settleLater(change.serviceId, change.kind === 'service' && change.removed, attempt);
    });
  }

  /**
   * The Engine API has no task events, and a task's progress reaches the manager's events stream only
   * through its container's events, which are this node's alone: a task on another node, or one whose
   * new state the manager records a moment after its container's event, changes without an event. So
   * while a task of the service is not yet where the last event said it goes (`taskSettled`), or is
   * still on its way to running, the service's tasks are read again with a growing delay, at most
   * `SETTLE_DELAYS_MS.length` times (about 16 s in all). One such chain per service: a new event about
   * the service starts it again from the shortest delay instead of adding a second one.
   */
  private settleLater(serviceId: string, removed: boolean, attempt: number): void {
    const running = this.settling.get(serviceId);
    if (running) clearTimeout(running);
    this.settling.delete(serviceId);
    const tasks = currentTasks(this.tasks.get(serviceId) ?? []);
    // An expectation ends when the read shows it met, or when its task is no longer shown (replaced, removed).
    const shown = new Map(tasks.map((task) => [task.ID, task]));
    for (const [taskId, { serviceId: of, expect }] of this.expected) {
      if (of !== serviceId) continue;
      const task = shown.get(taskId);
      if (removed || !task || taskSettled(task.Status.State, expect)) this.expected.delete(taskId);
    }
    if (removed || attempt >= SETTLE_DELAYS_MS.length) return;
    // Right after a service is made or scaled its tasks may not exist yet (the orchestrator creates them next).
    const replicas = this.services.get(serviceId)?.Spec.Mode?.Replicated?.Replicas;
    const missing = replicas !== undefined && tasks.filter((task) => task.DesiredState === 'running').length < replicas;
    const unsettled =
      missing || tasks.some((task) => this.expected.has(task.ID) || (task.DesiredState === 'running' && !taskSettled(task.Status.State, 'running')));
    if (!unsettled) return;
    const timer = setTimeout(() => {
      this.settling.delete(serviceId);
      if (!this.disposed) this.enqueue({ kind: 'tasks', serviceId, taskId: '', expect: 'running' }, attempt + 1);
    }, SETTLE_DELAYS_MS[attempt]);
    this.settling.set(serviceId, timer);
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
