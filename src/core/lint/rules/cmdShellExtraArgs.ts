import { originOf } from '../support/scripts';
import { testFormOf, testType } from '../support/testForm';
import { toShellFix } from '../support/toShell';
import type { Rule } from '../rule';

/**
 * moby `daemon/health.go`: CMD-SHELL runs `/bin/sh -c <item 1> <item 2> …`; items after the command become
 * `$0`, `$1`… of the script, which ignores them: `["CMD-SHELL", "pg_isready -U x", "-d", "db"]` never passes
 * `-d db` to pg_isready.
 */
export const cmdShellExtraArgs: Rule = {
  code: 'cmd-shell-extra-args',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (form?.kind !== 'list' || testType(form) !== 'CMD-SHELL' || form.items.length <= 2) return;
    const extra = form.items.slice(2);
    const shellFix = toShellFix(form, ctx.text, 1, 'Join into one shell command');
    const shown = extra.map((item) => item.raw ?? '…').join(' ');
    ctx.report({
      at: extra[0].node ?? form.node,
      origin: originOf(form.entry),
      message: `With CMD-SHELL only the first item after "CMD-SHELL" is the command; the shell receives "${shown}" as $0, $1… and the command never sees them. Put the whole command line in one string.`,
      fixes: shellFix ? [shellFix] : undefined,
    });
  },
};
