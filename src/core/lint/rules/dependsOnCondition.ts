import type { Rule } from '../rule';

const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];

/** compose-spec schema: `condition` is one of three values; anything else fails to load. */
export const dependsOnCondition: Rule = {
  code: 'depends-on-condition',
  severity: 'error',
  checkService(service, ctx) {
    for (const dep of service.dependsOn) {
      if (dep.condition === undefined || !dep.conditionNode || CONDITIONS.includes(dep.condition) || dep.condition.includes('$')) continue;
      ctx.report({
        at: dep.conditionNode,
        origin: { via: dep.via, foreign: dep.foreign },
        message: `Compose rejects the file: depends_on condition "${dep.condition}" is not one of ${CONDITIONS.join(', ')}.`,
      });
    }
  },
};
