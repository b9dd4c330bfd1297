import { summaryOf, type DisplayStatus, type HealthSummary } from '../health/select';
import type { SwarmService, SwarmStack, SwarmTask } from './types';

/**
 * What the Services view shows of a swarm, in the words of the Compose rows beside it: each task a
 * badge from its container's health (where this engine can see the container) or its task state, each
 * service its most telling task, each stack its most telling service.
 */
export interface TaskView {
  status: DisplayStatus;
  /** e.g. `healthy · node-1`, `starting → running · node-2 (health not visible from this engine)`. */
  description: string;
}

/** swarmkit task states before `running` (`api/types.proto`): the task is on its way. */
const ON_ITS_WAY = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting']);

export function taskStatus(task: SwarmTask): DisplayStatus {
  if (task.state === 'running' || task.state === 'starting') {
    if (task.health === 'healthy' || task.health === 'unhealthy' || task.health === 'starting') return task.health;
    return task.state === 'running' ? 'running' : 'starting';
  }
  if (ON_ITS_WAY.has(task.state)) return 'created';
  return 'exited';
}

export function taskView(task: SwarmTask): TaskView {
  const status = taskStatus(task);
  // `docker service ps` shows desired and current state side by side; a task on its way to shut down says so.
  const state = task.desiredState !== task.state && !(task.desiredState === 'running' && task.state === 'starting') ? `${task.state} → ${task.desiredState}` : task.state;
  const health = task.health === 'remote' ? 'health seen on its node only' : task.health === 'none' ? '' : task.health;
  const node = task.nodeName ?? task.nodeId?.slice(0, 12);
  const nodeText = node ? `${node}${task.nodeState && task.nodeState !== 'ready' ? ` (${task.nodeState})` : ''}` : '';
  return { status, description: [health && health !== state ? `${state} · ${health}` : state, nodeText].filter(Boolean).join(' · ') };
}

const PRECEDENCE: readonly DisplayStatus[] = ['unhealthy', 'restarting', 'starting', 'created', 'paused', 'healthy', 'running', 'exited', 'notCreated'];
const worst = (statuses: readonly DisplayStatus[]): DisplayStatus => PRECEDENCE.find((s) => statuses.includes(s)) ?? 'notCreated';

/** The tasks Swarm wants running: the ones a service's badge and `REPLICAS` count are about. */
const wanted = (service: SwarmService): SwarmTask[] => service.tasks.filter((t) => t.desiredState === 'running');

export function serviceStatus(service: SwarmService): DisplayStatus {
  return worst(wanted(service).map(taskStatus));
}

/** Whether the service's tasks are probed: its spec sets a healthcheck, or a task's container reports health (the image's HEALTHCHECK). */
export function serviceHasHealthcheck(service: SwarmService): boolean {
  return service.healthcheck !== undefined || service.tasks.some((t) => t.health === 'starting' || t.health === 'healthy' || t.health === 'unhealthy');
}

/** `1/1 · healthy` as `docker service ls` counts REPLICAS (running tasks over the desired number), and the badge's word. */
export function serviceDescription(service: SwarmService): string {
  const running = service.tasks.filter((t) => t.state === 'running' && t.desiredState === 'running').length;
  const replicas = service.mode === 'global' ? `${running}/${wanted(service).length} (global)` : `${running}/${service.replicas ?? 0}`;
  const status = serviceStatus(service);
  const update = service.updateState && service.updateState !== 'completed' ? ` · update ${service.updateState.replace(/_/g, ' ')}` : '';
  return `${replicas} · ${status === 'notCreated' ? 'no task' : status}${update}`;
}

export function stackStatus(stack: SwarmStack): DisplayStatus {
  return worst(stack.services.map(serviceStatus));
}

export function stackDescription(stack: SwarmStack): string {
  const checked = stack.services.filter(serviceHasHealthcheck);
  const healthy = checked.filter((s) => serviceStatus(s) === 'healthy').length;
  const count = `${stack.services.length} service${stack.services.length === 1 ? '' : 's'}`;
  return checked.length > 0 ? `stack · ${healthy}/${checked.length} healthy` : `stack · ${count}`;
}

/** The status bar's numbers for stacks' services with a healthcheck, as `summarize` counts Compose services. */
export function summarizeStacks(stacks: readonly SwarmStack[]): HealthSummary {
  return summaryOf(stacks.flatMap((s) => s.services).map((service) => ({ hasHealthcheck: serviceHasHealthcheck(service), status: serviceStatus(service) })));
}
