import { originOf } from '../support/scripts';
import { testFormOf } from '../support/testForm';
import type { Rule } from '../rule';

/**
 * An empty string test becomes `["CMD-SHELL", ""]`: `sh -c ""` exits 0, so the check always passes.
 * An empty list is an unset test: the engine keeps the image's HEALTHCHECK command (moby `daemon/commit.go`
 * merge), and with none nothing is probed.
 */
export const testEmpty: Rule = {
  code: 'test-empty',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (form?.kind === 'string' && form.known && form.value.trim() === '') {
      ctx.report({
        at: form.node,
        origin: originOf(form.entry),
        message: 'An empty test runs `/bin/sh -c ""`, which always exits 0: the container is reported healthy whatever its state. Write the command that proves the service works, or `disable: true`.',
      });
    } else if (form?.kind === 'list' && form.items.length === 0) {
      ctx.report({
        at: form.node,
        origin: originOf(form.entry),
        message: '`test: []` is an unset test: the engine keeps the image\'s own HEALTHCHECK command (nothing is probed if the image has none). To turn the check off write `disable: true`; to keep the image\'s, leave `test` out.',
      });
    }
  },
};
