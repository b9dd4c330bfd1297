import { imageVerdict } from '../support/imageCheck';
import type { Rule } from '../rule';

/**
 * `service_healthy` on a service with no `healthcheck:` works only if its image has a HEALTHCHECK; most
 * images (postgres, redis, nginx…) have none, and then `up` fails with "container … has no healthcheck
 * configured" (docker/compose `pkg/compose/convergence.go`). When a workspace Dockerfile builds the
 * dependency's image, it says which: a HEALTHCHECK there is enough (no finding); none there is certain.
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
      const image = imageVerdict(ctx, dep.name);
      if (image?.runs) continue;
      const because = image ? `and ${image.why}, so` : 'unless its image has a HEALTHCHECK,';
      ctx.report({
        at: dep.conditionNode ?? dep.node,
        origin: { via: dep.via, foreign: dep.foreign },
        message: `"${dep.name}" defines no healthcheck here ${because} \`docker compose up\` fails with "container … has no healthcheck configured". Add a healthcheck to "${dep.name}", or use condition: service_started.`,
      });
    }
  },
};
