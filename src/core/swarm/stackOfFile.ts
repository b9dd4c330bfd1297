import type { LabelledContainer } from '../engine/types';
import { SERVICE_NAME_LABEL, STACK_NAMESPACE_LABEL, TASK_ID_LABEL, type SwarmModel, type SwarmStack, type SwarmTask } from './types';

/**
 * The stacks a compose file was deployed as. Nothing on a stack records the file it came from (unlike
 * Compose's `com.docker.compose.project.config_files`): docker/cli writes only the stack name
 * (`com.docker.stack.namespace`) and the image (`com.docker.stack.image`) on each service. So a stack
 * matches a file when every one of its services is a service of the file; the best match (most of the
 * file's services deployed) comes first. A file deployed under two stack names matches both.
 */
export function stacksOfFile(serviceNames: readonly string[], model: SwarmModel): SwarmStack[] {
  const names = new Set(serviceNames);
  return model.stacks
    .filter((stack) => stack.name !== undefined && stack.services.length > 0 && stack.services.every((service) => names.has(service.name)))
    .sort((a, b) => b.services.length - a.services.length || a.name!.localeCompare(b.name!));
}

/**
 * The stacks a view shows: all of them, or (scope `workspace`, as for Compose projects) those deployed
 * from one of the workspace's compose files, matched by service names as `stacksOfFile` does.
 */
export function stacksInScope(model: SwarmModel, scope: 'all' | 'workspace', workspaceFiles: Iterable<{ services: ReadonlyArray<{ name: string }> }>): SwarmStack[] {
  if (scope === 'all') return model.stacks;
  const matched = new Set<SwarmStack>();
  for (const file of workspaceFiles) for (const stack of stacksOfFile(file.services.map((s) => s.name), model)) matched.add(stack);
  return model.stacks.filter((stack) => matched.has(stack));
}

/** A compose file's service as deployed in one or more stacks, seen from one manager engine. */
export interface StackServiceTasks {
  /** The stacks that deploy the service (usually one). */
  stacks: string[];
  /** The task containers running on this engine's node, as a container list shows them, with their task. */
  local: Array<{ container: LabelledContainer; task: SwarmTask }>;
  /** Tasks Swarm wants running on this node (or on no node yet) that do not run (yet): `pending`, `preparing`, `starting`, `rejected` with why… */
  pending: Array<{ task: string; state: string; error?: string }>;
  /** Tasks Swarm wants running on other nodes: their containers are on those nodes' engines, not this one. */
  elsewhere: Array<{ task: string; node: string }>;
}

/**
 * The tasks of the file's service `service` in the stacks the file was deployed as (`stacksOfFile`),
 * from the live model (no request): the ones Swarm wants running — `desiredState` running, or `ready`: a
 * slot's new task that swarmkit holds until its restart delay is over or the rolling update starts it
 * (swarmkit `manager/orchestrator/restart/restart.go`, `update/updater.go`); a task on its way to shut
 * down is not the service's any more. Only a task container on this
 * engine's node can be inspected and probed here. Undefined when no stack has the service.
 */
export function stackServiceTasks(model: SwarmModel, stacks: readonly SwarmStack[], service: string): StackServiceTasks | undefined {
  const found: StackServiceTasks = { stacks: [], local: [], pending: [], elsewhere: [] };
  for (const stack of stacks) {
    const deployed = stack.services.find((s) => s.name === service);
    if (!deployed || stack.name === undefined) continue;
    found.stacks.push(stack.name);
    for (const task of deployed.tasks.filter((t) => t.desiredState === 'running' || t.desiredState === 'ready')) {
      // A task not yet assigned to a node (`pending`, `assigned`) counts as on its way here too.
      if (task.nodeId !== undefined && task.nodeId !== model.localNodeId) {
        const node = model.nodes.find((n) => n.id === task.nodeId);
        const name = node?.hostname ?? task.nodeName ?? task.nodeId.slice(0, 12);
        found.elsewhere.push({ task: task.name, node: node?.state && node.state !== 'ready' ? `${name} (${node.state})` : name });
      } else if (task.state === 'running' && task.containerId) {
        found.local.push({ container: taskContainer(stack.name, deployed.fullName, task, task.containerId), task });
      } else {
        found.pending.push(task.error ? { task: task.name, state: task.state, error: task.error } : { task: task.name, state: task.state });
      }
    }
  }
  return found.stacks.length > 0 ? found : undefined;
}

/**
 * A running task container as `GET /containers/json` would list it: swarmkit names it
 * `<service>.<slot or node id>.<task id>` (swarmkit `api/naming/naming.go` Task) and labels it with its
 * stack, service and task (seen on Engine 26.1.5).
 */
function taskContainer(stack: string, fullName: string, task: SwarmTask, id: string): LabelledContainer {
  return {
    id,
    name: `${task.name}.${task.id}`,
    state: 'running',
    labels: { [STACK_NAMESPACE_LABEL]: stack, [SERVICE_NAME_LABEL]: fullName, [TASK_ID_LABEL]: task.id },
  };
}
