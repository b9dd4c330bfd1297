import { durationProblem } from '../checks/durations';
import { durationsOf, ENGINE_FIELD } from '../support/durations';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/** moby `daemon/container.go` validation: a non-zero duration below 1ms (negative too) is rejected at create. */
export const durationBelowMinimum: Rule = {
  code: 'duration-below-minimum',
  severity: 'error',
  checkHealthcheck(hc, _service, ctx) {
    for (const value of durationsOf(hc, ctx.analysis)) {
      if (durationProblem(value.text, 'compose', value.parsed)?.kind !== 'below-minimum') continue;
      ctx.report({
        at: value.node,
        origin: originOf(value.entry),
        message: `Docker Engine refuses to create the container: "${ENGINE_FIELD[value.key]} in Healthcheck cannot be less than 1ms" (${value.text}). Use at least 1ms; leave the key out for the default.`,
      });
    }
  },
};
