import { originOf } from '../support/scripts';
import { SHELLS, baseName } from '../support/shell';
import { testFormOf, testType } from '../support/testForm';
import { toShellFix } from '../support/toShell';
import type { Rule } from '../rule';

const OPERATOR = /^(\|\||&&|\||;|&|\d?>>?|<|\d?>&\d|\d?>>?\/dev\/null)$/;
const SUBSTITUTION = /\$\(|`|\$\{?[A-Za-z_]/;
/** Flags after which an argument is code for an interpreter (`node -e`, `mongosh --eval`): not a shell. */
const CODE_FLAGS = /^(-c|-e|--eval|-r|--command|--execute|-Command)$/;

/**
 * moby `daemon/health.go`: a `CMD` test is exec'd directly, no shell: `||`, `&&`, pipes, redirections and
 * `$VAR` reach the program as literal arguments (`["CMD", "curl", "-f", "x", "||", "exit", "1"]` passes
 * `||` to curl).
 */
export const cmdShellSyntax: Rule = {
  code: 'cmd-shell-syntax',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (form?.kind !== 'list' || testType(form) !== 'CMD' || form.items.length < 3) return;
    const program = form.items[1].value ?? '';
    if (SHELLS.has(baseName(program)) || /\s/.test(program)) return;
    for (let i = 2; i < form.items.length; i++) {
      const item = form.items[i];
      if (item.value === undefined || CODE_FLAGS.test(form.items[i - 1].value ?? '')) continue;
      const operator = OPERATOR.test(item.value);
      if (!operator && !SUBSTITUTION.test(item.value)) continue;
      const what = operator ? `"${item.value}" is passed to ${program} as a literal argument` : `"${item.value}" is passed to ${program} literally, without $ expansion`;
      const shellFix = toShellFix(form, ctx.text, 1, 'Convert to CMD-SHELL');
      ctx.report({
        at: item.node ?? form.node,
        origin: originOf(form.entry),
        message: `A CMD test runs ${program} directly, without a shell: ${what}. Use ["CMD-SHELL", "…"] to get shell syntax.`,
        fixes: shellFix ? [shellFix] : undefined,
      });
      return;
    }
  },
};
