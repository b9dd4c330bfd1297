import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/**
 * docker/cli `cli/compose/loader/loader.go` lists `container_name` among the deprecated properties of a
 * stack; `docker stack deploy` prints "Ignoring deprecated options:" and "container_name: Setting the
 * container name is not supported." (seen with docker CLI 28.2.2 on Engine 26.1.5). Swarm names each
 * task's container `<stack>_<service>.<slot>.<task id>`. Only for a stack file.
 */
export const stackIgnoresContainerName: Rule = {
  code: 'stack-ignores-container-name',
  severity: 'info',
  checkService(service, ctx) {
    const entry = service.entries.get('container_name');
    if (!ctx.stack || !entry) return;
    ctx.report({
      at: entry.keyNode,
      origin: originOf(entry),
      message: `docker stack deploy ignores container_name ("container_name: Setting the container name is not supported."): Swarm names each task's container <stack>_${service.name}.<slot>.<task id>. Reach the service by its name "${service.name}" on the stack's network instead.`,
    });
  },
};
