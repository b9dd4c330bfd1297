import { rangeOf } from '../../compose/yamlIndex';
import { fix, replace } from '../support/edits';
import { originOf } from '../support/scripts';
import { testFormOf } from '../support/testForm';
import type { Rule } from '../rule';

/**
 * compose-go `types/healthcheck.go`: a string test `s` means `["CMD-SHELL", s]`, so `test: NONE` runs a
 * command named NONE in the shell (which fails: the container turns unhealthy) instead of disabling.
 */
export const testNoneString: Rule = {
  code: 'test-none-string',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (form?.kind !== 'string' || form.value.trim() !== 'NONE') return;
    ctx.report({
      at: form.node,
      origin: originOf(form.entry),
      message: '`test: NONE` as a string does not disable the check: Compose runs `/bin/sh -c NONE`, which fails, so the container becomes unhealthy. Write `disable: true` (or `test: ["NONE"]`).',
      fixes: [fix('Replace with `disable: true`', [replace(rangeOf(form.entry.keyNode), 'disable'), replace(rangeOf(form.node), 'true')])],
    });
  },
};
