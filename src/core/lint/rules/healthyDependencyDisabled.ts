import type { Rule } from '../rule';

/**
 * docker/compose `pkg/compose/convergence.go`: waiting for `service_healthy` on a container without a
 * healthcheck fails `up`: `dependency failed to start: container <name> has no healthcheck configured`.
 * A check that is disabled (`disable: true`, `test: ["NONE"]`) is exactly that.
 */
export const healthyDependencyDisabled: Rule = {
  code: 'healthy-dependency-disabled',
  severity: 'error',
  needsValidYaml: true,
  checkService(service, ctx) {
    for (const dep of service.dependsOn) {
      if (dep.condition !== 'service_healthy') continue;
      const target = ctx.analysis.projectServices.get(dep.name);
      const test = target?.healthcheck?.spec.test;
      if (!test || test[0] !== 'NONE') continue;
      ctx.report({
        at: dep.conditionNode ?? dep.node,
        origin: { via: dep.via, foreign: dep.foreign },
        message: `"${dep.name}" has its healthcheck disabled, so \`docker compose up\` fails: "dependency failed to start: container … has no healthcheck configured". Give "${dep.name}" a working test, or depend on it with condition: service_started.`,
      });
    }
  },
};
