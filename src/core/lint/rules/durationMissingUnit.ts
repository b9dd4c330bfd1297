import { durationProblem } from '../checks/durations';
import { durationsOf } from '../support/durations';
import { fix, insert, replace } from '../support/edits';
import { healthcheckPath } from '../support/paths';
import { originOf } from '../support/scripts';
import { rangeOf } from '../../compose/yamlIndex';
import type { Rule } from '../rule';

/**
 * `interval: 30` fails the compose-spec schema (`must be a string`) and `"30"` fails str2duration
 * (`time: missing unit in duration "30"`): a unit-less duration is rejected, never read as seconds.
 */
export const durationMissingUnit: Rule = {
  code: 'duration-missing-unit',
  severity: 'error',
  checkHealthcheck(hc, service, ctx) {
    for (const value of durationsOf(hc, ctx.analysis)) {
      if (!value.isNumber && durationProblem(value.text, 'compose', value.parsed)?.kind !== 'missing-unit') continue;
      const path = healthcheckPath(service, value.key);
      const why = value.isNumber ? `${path} must be a string` : `time: missing unit in duration "${value.text}"`;
      const written = rangeOf(value.node);
      let edit;
      if (value.isNumber) edit = replace(written, `${ctx.text.slice(written.start, written.end)}s`);
      else if (!value.node.source?.includes('$') && (value.node.type === 'QUOTE_DOUBLE' || value.node.type === 'QUOTE_SINGLE')) edit = insert(written.end - 1, 's');
      ctx.report({
        at: value.node,
        origin: originOf(value.entry),
        message: `Compose rejects the file: ${why}. Durations need a unit: write ${value.text}s for seconds (units: ns, us, ms, s, m, h, d, w).`,
        fixes: edit ? [fix(`Add the unit: ${value.text}s`, [edit])] : undefined,
      });
    }
  },
};
