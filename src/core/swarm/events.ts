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
 */
export type SwarmChange =
  | { kind: 'service'; serviceId: string; removed: boolean }
  | { kind: 'tasks'; serviceId: string }
  | { kind: 'health'; serviceId: string; taskId: string; containerId: string; health: Exclude<Health, 'none'> }
  | { kind: 'nodes' };

/** The events a Swarm view subscribes to (`GET /events?filters=…`): services, nodes and containers. */
export const SWARM_EVENT_FILTERS: { type: Array<'service' | 'node' | 'container'> } = { type: ['service', 'node', 'container'] };

/** Container actions that change a task's state (moby `daemon/cluster/executor/container` drives them). */
const TASK_CONTAINER_ACTIONS = new Set(['create', 'start', 'die', 'destroy', 'kill', 'oom']);

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
    if (health === 'healthy' || health === 'unhealthy' || health === 'starting') return { kind: 'health', serviceId, taskId, containerId: id, health };
    return undefined;
  }
  return TASK_CONTAINER_ACTIONS.has(action) ? { kind: 'tasks', serviceId } : undefined;
}
