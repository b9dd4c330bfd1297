import { SERVICE_NAME_LABEL, STACK_NAMESPACE_LABEL, type SwarmModel, type SwarmStack } from './types';

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
 * The labels of a stack service's task containers on an engine (swarmkit writes them on each container
 * it creates; seen on Engine 26.1.5): what a container list filters on to find the containers of the
 * file's service `service` deployed as stack `stack` on this node.
 */
export function taskContainerLabels(stack: string, service: string): string[] {
  return [`${STACK_NAMESPACE_LABEL}=${stack}`, `${SERVICE_NAME_LABEL}=${stack}_${service}`];
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
