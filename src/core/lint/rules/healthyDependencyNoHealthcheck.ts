import type { Rule } from '../rule';

/**
 * `service_healthy` on a service with no `healthcheck:` works only if its image has a HEALTHCHECK; most
 * images (postgres, redis, nginx…) have none, and then `up` fails with "container … has no healthcheck
 * configured" (docker/compose `pkg/compose/convergence.go`).
 */
export const healthyDependencyNoHealthcheck: Rule = {
  code: 'healthy-dependency-no-healthcheck',
  severity: 'warning',
  needsValidYaml: true,
  checkService(service, ctx) {
    for (const dep of service.dependsOn) {
      if (dep.condition !== 'service_healthy') continue;
      const target = ctx.analysis.projectServices.get(dep.name);
      // With an unread base file the dependency may get its healthcheck there.
      if (!target || target.healthcheck || ctx.analysis.baseUnknown) continue;
      ctx.report({
        at: dep.conditionNode ?? dep.node,
        origin: { via: dep.via, foreign: dep.foreign },
        message: `"${dep.name}" defines no healthcheck here: unless its image has a HEALTHCHECK, \`docker compose up\` fails with "container … has no healthcheck configured". Add a healthcheck to "${dep.name}", or use condition: service_started.`,
      });
    }
  },
};
