import { isScalar } from 'yaml';
import { parseComposeBool } from '../../compose/spec';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/**
 * docker/compose `pkg/compose/convert.go` silently replaces `test` with `["NONE"]` when `disable: true`;
 * `docker stack deploy` rejects the pair: `test and disable can't be set at the same time`.
 */
export const disableWithTest: Rule = {
  code: 'disable-with-test',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const disable = hc.entries.get('disable');
    const test = hc.entries.get('test');
    if (!disable || !test || !isScalar(disable.value)) return;
    const raw = disable.value.value;
    const value = typeof raw === 'string' ? parseComposeBool(ctx.analysis.interpolate(disable.value)?.value) : parseComposeBool(raw);
    if (value !== true) return;
    const local = test.foreign ? disable : test;
    ctx.report({
      at: local === test ? test.keyNode : disable.keyNode,
      origin: originOf(local),
      message: '`disable: true` turns the check off and docker compose silently drops this `test` (`docker stack deploy` rejects the pair: "test and disable can\'t be set at the same time"). Remove `test`, or remove `disable` to keep the check.',
    });
  },
};
