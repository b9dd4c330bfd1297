import { rangeOf } from '../../compose/yamlIndex';
import { fix, replace, writtenRange } from '../support/edits';
import { originOf } from '../support/scripts';
import { testFormOf, testType } from '../support/testForm';
import type { Rule } from '../rule';

/**
 * moby `daemon/health.go` disables the check when the test's first item is `NONE`, whatever follows:
 * `["NONE", "curl", "-f", "http://x"]` never runs curl. docker compose passes such a list on as written
 * (`docker compose config` 2.26.1 keeps it), so nothing says the command is ignored.
 */
export const testNoneWithCommand: Rule = {
  code: 'test-none-with-command',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (form?.kind !== 'list' || testType(form) !== 'NONE' || form.items.length < 2) return;
    const ignored = form.items.slice(1).map((item) => item.raw ?? '…');
    // With `disable:` written too, that key is the one to keep: no second key is written.
    const keyAndValue = { start: rangeOf(form.entry.keyNode).start, end: writtenRange(ctx.text, form.node).end };
    ctx.report({
      at: form.node,
      origin: originOf(form.entry),
      message: `"NONE" turns the check off, so the rest of the test (${ignored.map((i) => `"${i}"`).join(', ')}) never runs and the container has no health status. Write "CMD" or "CMD-SHELL" first to run it, or \`disable: true\` to turn the check off.`,
      fixes: hc.entries.has('disable') ? undefined : [fix('Replace with `disable: true`', [replace(keyAndValue, 'disable: true')])],
    });
  },
};
