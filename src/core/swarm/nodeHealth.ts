import { Emitter, type Event } from '../engine/emitter';
import { EngineNotFoundError } from '../engine/errors';
import type { EngineClient, Health } from '../engine/types';
import type { RawSwarmEvent } from './events';
import { healthOf } from './monitor';
import type { SwarmModel } from './types';

/**
 * The health of the task containers on one engine, as that engine tells it: a worker node's. A task
 * container's events stay on its own node (moby emits them from the engine that runs it), so the
 * manager's view shows a task elsewhere as `remote`; when that node's engine is also connected, its
 * events stream (the connection's own, `onSwarmEvent`) says each change, and a container no event has
 * spoken of yet is inspected once when asked for.
 */
export class NodeTaskHealth {
  private readonly health = new Map<string, Health>();
  private readonly asked = new Set<string>();
  private readonly changed = new Emitter<void>();
  private disposed = false;
  /** A task container's health became known or changed. */
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(
    /** The node this engine is (`Swarm.NodeID` of `GET /info`). */
    readonly nodeId: string,
    private readonly engine: Pick<EngineClient, 'inspectContainer'>,
  ) {}

  /** One event of this engine's stream (`isSwarmEvent`): a task container's health status or removal. */
  onEvent(event: RawSwarmEvent): void {
    const id = event.Actor?.ID;
    if (event.Type !== 'container' || !id) return;
    const action = event.Action ?? '';
    if (action.startsWith('health_status:')) {
      const status = action.slice('health_status:'.length).trim();
      if (status !== 'healthy' && status !== 'unhealthy' && status !== 'starting') return;
      this.set(id, status);
    } else if (action === 'destroy') {
      this.health.delete(id);
      this.asked.delete(id);
    }
  }

  /** The container's health if known; otherwise undefined now, and one inspect whose answer fires `onDidChange`. */
  of(containerId: string): Health | undefined {
    const known = this.health.get(containerId);
    if (known !== undefined || this.asked.has(containerId)) return known;
    this.asked.add(containerId);
    this.engine.inspectContainer(containerId).then(
      (container) => {
        // An event that came meanwhile is newer than this answer.
        if (!this.health.has(containerId)) this.set(containerId, healthOf(container.health?.status));
      },
      (error: unknown) => {
        // Gone already (the task was replaced): its successor is asked for in turn. Anything else: ask again next time.
        if (!(error instanceof EngineNotFoundError)) this.asked.delete(containerId);
      },
    );
    return undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.changed.dispose();
  }

  private set(id: string, health: Health): void {
    if (this.disposed || this.health.get(id) === health) return;
    this.health.set(id, health);
    this.changed.fire();
  }
}

/**
 * The manager's model with each `remote` task's health filled in from its node's own engine, where that
 * engine is connected too; a task on a node no engine of the list is stays `remote`.
 */
export function withNodeHealth(model: SwarmModel, nodes: ReadonlyMap<string, NodeTaskHealth>): SwarmModel {
  if (nodes.size === 0) return model;
  let changed = false;
  const stacks = model.stacks.map((stack) => ({
    ...stack,
    services: stack.services.map((service) => ({
      ...service,
      tasks: service.tasks.map((task) => {
        const node = task.health === 'remote' && task.nodeId && task.containerId ? nodes.get(task.nodeId) : undefined;
        const health = node?.of(task.containerId!);
        if (health === undefined) return task;
        changed = true;
        return { ...task, health, healthFromNode: true };
      }),
    })),
  }));
  return changed ? { ...model, stacks } : model;
}
