import { SERVICE_ID_LABEL, TASK_ID_LABEL } from './types';
import type { Health } from '../engine/types';

/** One `/events` message as the engine sends it (moby `api/types/events.Message`). */
export interface RawSwarmEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  /** `swarm` for service and node events, `local` for container events (seen on Engine 26.1.5). */
  scope?: string;
}

/**
 * What an event changes in the Swarm model. The Engine API has no task events: a task's state is
 * seen through its service's events (create, update — scale and rolling updates —, remove) and its
 * container's events on this node (create, start, die, health_status); a node event (a node joining,
 * leaving, going down) changes where tasks run and whether their containers are reachable.
 * - `service`: read this service and its tasks again (`removed`: drop it);
 * - `tasks`: read the tasks of this service again (a task container started or died here);
 * - `health`: a task container here reported a new health status, nothing else to read;
 * - `nodes`: read the node list (and every task: a node that went down takes its tasks' reachability).
 * `expect` is the task state the container's event implies, which the manager records a moment later
 * (see `taskSettled`).
 */
export type SwarmChange =
  | { kind: 'service'; serviceId: string; removed: boolean }
  | { kind: 'tasks'; serviceId: string; taskId: string; expect: TaskExpectation }
  | { kind: 'health'; serviceId: string; taskId: string; containerId: string; health: Exclude<Health, 'none'>; expect?: TaskExpectation }
  | { kind: 'nodes' };

/**
 * What a task container's event says its task will become: `running` after a start (a container with a
 * healthcheck only once healthy: moby `daemon/cluster/executor/container/controller.go` waits for it),
 * `ended` (complete, failed, shutdown…) after it dies or turns unhealthy.
 */
export type TaskExpectation = 'running' | 'ended';

/** swarmkit `api/types.proto` TaskState, in its order. */
const TASK_STATES = ['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running', 'complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned'];
const RUNNING = TASK_STATES.indexOf('running');

/**
 * Whether a task's recorded state has caught up with what its container's event implied. The Engine API
 * has no task events: the container's event comes from this node's engine, the task's new state from
 * the manager after the agent reports it (seen on Engine 20.10 and 26.1.5: a task read right after its
 * container's `health_status: healthy` event is still `starting`). A state the model does not know
 * counts as settled.
 */
export function taskSettled(state: string, expect: TaskExpectation): boolean {
  const at = TASK_STATES.indexOf(state);
  if (at < 0) return true;
  return expect === 'running' ? at >= RUNNING : at > RUNNING;
}

/** Whether an event of an engine's stream is about the swarm: a service, a node, or a task container. */
export function isSwarmEvent(event: RawSwarmEvent): boolean {
  if (event.Type === 'service' || event.Type === 'node') return true;
  return event.Type === 'container' && event.Actor?.Attributes?.[TASK_ID_LABEL] !== undefined;
}

/** Container actions that change a task's state (moby `daemon/cluster/executor/container` drives them). */
const TASK_CONTAINER_ACTIONS: Record<string, TaskExpectation> = { start: 'running', die: 'ended', destroy: 'ended', oom: 'ended' };

export function swarmChangeOf(event: RawSwarmEvent): SwarmChange | undefined {
  const id = event.Actor?.ID;
  const action = event.Action ?? '';
  if (event.Type === 'service' && id) return { kind: 'service', serviceId: id, removed: action === 'remove' };
  if (event.Type === 'node') return { kind: 'nodes' };
  if (event.Type !== 'container' || !id) return undefined;
  // Container events carry the container's labels: a task container has the service and task IDs.
  const attributes = event.Actor?.Attributes ?? {};
  const serviceId = attributes[SERVICE_ID_LABEL];
  const taskId = attributes[TASK_ID_LABEL];
  if (!serviceId || !taskId) return undefined;
  if (action.startsWith('health_status:')) {
    const health = action.slice('health_status:'.length).trim();
    if (health === 'healthy') return { kind: 'health', serviceId, taskId, containerId: id, health, expect: 'running' };
    // An unhealthy task container is killed by its node's executor, which fails the task.
    if (health === 'unhealthy') return { kind: 'health', serviceId, taskId, containerId: id, health, expect: 'ended' };
    if (health === 'starting') return { kind: 'health', serviceId, taskId, containerId: id, health };
    return undefined;
  }
  const expect = TASK_CONTAINER_ACTIONS[action];
  return expect ? { kind: 'tasks', serviceId, taskId, expect } : undefined;
}
