import type { Health } from '../engine/types';
import { STACK_NAMESPACE_LABEL, type NodeData, type ServiceData, type SwarmModel, type SwarmService, type SwarmStack, type SwarmTask, type TaskData } from './types';

export interface SwarmSnapshot {
  localNodeId: string;
  services: ServiceData[];
  tasks: TaskData[];
  nodes: NodeData[];
  /** Health of the task containers on this engine, by container ID (from inspect or `health_status` events). */
  containerHealth: ReadonlyMap<string, Health>;
}

/**
 * Stacks → services → tasks, as `docker stack ls`, `docker stack services` and `docker stack ps` show
 * them. A stack is the `com.docker.stack.namespace` label docker/cli puts on each service
 * (`cli/command/stack/swarm/deploy_composefile.go`); services without it form one stack without a name.
 * Each slot shows its current task only (`docker service ps` indents the older ones as history).
 */
export function buildSwarmModel(snapshot: SwarmSnapshot): SwarmModel {
  const nodes = new Map(snapshot.nodes.map((node) => [node.ID, node]));
  const tasksByService = new Map<string, TaskData[]>();
  for (const task of currentTasks(snapshot.tasks)) {
    const list = tasksByService.get(task.ServiceID) ?? [];
    list.push(task);
    tasksByService.set(task.ServiceID, list);
  }
  const stacks = new Map<string | undefined, SwarmStack>();
  for (const data of snapshot.services) {
    const stackName = data.Spec.Labels?.[STACK_NAMESPACE_LABEL];
    const service = serviceOf(data, stackName);
    service.tasks = (tasksByService.get(data.ID) ?? []).map((task) => taskOf(task, service, nodes, snapshot)).sort(byName);
    let stack = stacks.get(stackName);
    if (!stack) stacks.set(stackName, (stack = { name: stackName, services: [] }));
    stack.services.push(service);
  }
  const sorted = [...stacks.values()].sort((a, b) => (a.name === undefined ? 1 : b.name === undefined ? -1 : a.name.localeCompare(b.name)));
  for (const stack of sorted) stack.services.sort((a, b) => a.name.localeCompare(b.name));
  const nodeList = snapshot.nodes.map((node) => ({
    id: node.ID,
    hostname: node.Description?.Hostname,
    state: node.Status?.State,
    role: node.Spec?.Role,
    availability: node.Spec?.Availability,
    engineVersion: node.Description?.Engine?.EngineVersion,
  }));
  return { stacks: sorted, nodes: nodeList, localNodeId: snapshot.localNodeId };
}

/**
 * The newest task of each slot (replicated) or of each node (global), the one `docker service ps` lists
 * first: swarmkit keeps the replaced ones (shut down, failed) as the slot's history.
 */
export function currentTasks(tasks: readonly TaskData[]): TaskData[] {
  const newest = new Map<string, TaskData>();
  for (const task of tasks) {
    const key = `${task.ServiceID}/${task.Slot ?? `node:${task.NodeID ?? task.ID}`}`;
    const seen = newest.get(key);
    if (!seen || versionOf(task) > versionOf(seen)) newest.set(key, task);
  }
  return [...newest.values()];
}

const versionOf = (task: TaskData): number => task.Version?.Index ?? (Date.parse(task.CreatedAt ?? '') || 0);
const byName = (a: SwarmTask, b: SwarmTask): number => (a.slot ?? 0) - (b.slot ?? 0) || a.name.localeCompare(b.name);

function serviceOf(data: ServiceData, stackName: string | undefined): SwarmService {
  const fullName = data.Spec.Name;
  // docker/cli names a stack's service `<stack>_<service>` (cli/compose/convert/compose.go ScopedName).
  const prefix = stackName === undefined ? '' : `${stackName}_`;
  const name = prefix && fullName.startsWith(prefix) ? fullName.slice(prefix.length) : fullName;
  const global = data.Spec.Mode?.Global !== undefined;
  const service: SwarmService = {
    id: data.ID,
    fullName,
    name,
    mode: global ? 'global' : 'replicated',
    replicas: global ? undefined : (data.Spec.Mode?.Replicated?.Replicas ?? 1),
    image: data.Spec.TaskTemplate?.ContainerSpec?.Image,
    updateState: data.UpdateStatus?.State,
    updateMessage: data.UpdateStatus?.Message,
    tasks: [],
  };
  const healthcheck = checkOf(data.Spec.TaskTemplate?.ContainerSpec?.Healthcheck?.Test);
  if (healthcheck) service.healthcheck = healthcheck;
  return service;
}

/** docker/cli converts a compose healthcheck into the spec's `Healthcheck.Test` (`["NONE"]` for `disable: true`). */
function checkOf(test: string[] | undefined): string[] | undefined {
  return test && test.length > 0 && test[0] !== 'NONE' ? test : undefined;
}

function taskOf(task: TaskData, service: SwarmService, nodes: Map<string, NodeData>, snapshot: SwarmSnapshot): SwarmTask {
  const node = task.NodeID ? nodes.get(task.NodeID) : undefined;
  const containerId = task.Status.ContainerStatus?.ContainerID || undefined;
  const onThisNode = task.NodeID !== undefined && task.NodeID === snapshot.localNodeId;
  return {
    id: task.ID,
    serviceId: task.ServiceID,
    name: `${service.fullName}.${task.Slot ?? task.NodeID ?? task.ID}`,
    slot: task.Slot,
    nodeId: task.NodeID,
    nodeName: node?.Description?.Hostname,
    nodeState: node?.Status?.State,
    desiredState: task.DesiredState,
    state: task.Status.State,
    error: task.Status.Err || undefined,
    message: task.Status.Message || undefined,
    containerId,
    // Only this engine's containers can be inspected: a task elsewhere is `remote`, not "no healthcheck".
    health: !containerId ? 'none' : onThisNode ? (snapshot.containerHealth.get(containerId) ?? 'none') : 'remote',
  };
}
