import { rangeOf } from '../../compose/yamlIndex';
import { fix, replace } from '../support/edits';
import { nearMatch } from '../support/nearMatch';
import type { Rule } from '../rule';

/**
 * docker compose rejects a project whose `depends_on` names a service it does not define: `service "web"
 * depends on undefined service "db": invalid compose project`. Services of the base file count (override
 * files, COMPOSE_FILE); an override whose base cannot be read is not checked.
 */
export const dependsOnUnknownService: Rule = {
  code: 'depends-on-unknown-service',
  severity: 'error',
  needsValidYaml: true,
  checkService(service, ctx) {
    const { projectServices, partial } = ctx.analysis;
    if (partial) return;
    for (const dep of service.dependsOn) {
      if (!dep.known || projectServices.has(dep.name)) continue;
      const meant = nearMatch(dep.name, [...projectServices.keys()]);
      ctx.report({
        at: dep.node,
        origin: { via: dep.via, foreign: dep.foreign },
        message: `docker compose rejects the project: service "${service.name}" depends on undefined service "${dep.name}".${meant ? ` Did you mean "${meant}"?` : ' Define that service or remove the dependency.'}`,
        fixes: meant ? [fix(`Change to "${meant}"`, [replace(rangeOf(dep.node), meant)])] : undefined,
      });
    }
  },
};
