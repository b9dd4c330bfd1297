import { isMap } from 'yaml';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/**
 * `docker stack deploy` validates the file against docker/cli's own Compose schema
 * (`cli/compose/schema/data/config_schema_v3.*.json`), where `depends_on` is a list of names only. The
 * long form Compose takes (`condition: service_healthy`, `restart`, `required`) fails the whole deploy:
 * "services.web.depends_on must be a list" (seen with docker CLI 28.2.2 on Engine 26.1.5). So a
 * `service_healthy` condition cannot order a stack; only for a stack file.
 */
export const stackDependsOnNotList: Rule = {
  code: 'stack-depends-on-not-list',
  severity: 'error',
  checkService(service, ctx) {
    const entry = service.entries.get('depends_on');
    if (!ctx.stack || !entry || !isMap(entry.value)) return;
    ctx.report({
      at: entry.keyNode,
      origin: originOf(entry),
      message: `docker stack deploy rejects the file: "services.${service.name}.depends_on must be a list". Its Compose schema takes only a list of names, and Swarm ignores even that (no condition such as service_healthy orders a stack). Write depends_on as a list for Compose's sake, or move it to a Compose-only override file.`,
    });
  },
};
