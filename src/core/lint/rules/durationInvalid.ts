import { durationProblem } from '../checks/durations';
import { durationsOf } from '../support/durations';
import { healthcheckPath } from '../support/paths';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/** str2duration (compose-go) rejects the value: an unknown unit (`10x`), or no number at all. */
export const durationInvalid: Rule = {
  code: 'duration-invalid',
  severity: 'error',
  checkHealthcheck(hc, service, ctx) {
    for (const value of durationsOf(hc, ctx.analysis)) {
      const problem = value.isNumber ? undefined : durationProblem(value.text, 'compose', value.parsed);
      if (problem?.kind !== 'invalid') continue;
      ctx.report({
        at: value.node,
        origin: originOf(value.entry),
        message: `Compose rejects the file: ${healthcheckPath(service, value.key)}: ${problem.error}. Write a number with a unit, such as 30s, 1m30s or 500ms (units: ns, us, ms, s, m, h, d, w).`,
      });
    }
  },
};
