import { originOf } from '../support/scripts';
import { testFormOf, testType } from '../support/testForm';
import { toShellFix } from '../support/toShell';
import type { Rule } from '../rule';

/**
 * `["CMD", "curl -f http://x"]`: CMD execs argv directly (moby `daemon/health.go`), so the engine looks for
 * a program literally named `curl -f http://x`; the probe fails with exit -1 ("executable file not found").
 */
export const cmdArgvSpaces: Rule = {
  code: 'cmd-argv-spaces',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (form?.kind !== 'list' || testType(form) !== 'CMD') return;
    const program = form.items[1];
    if (program?.value === undefined || !/\S\s+\S/.test(program.value.trim())) return;
    const shellFix = toShellFix(form, ctx.text, 1, 'Convert to CMD-SHELL');
    ctx.report({
      at: program.node ?? form.node,
      origin: originOf(form.entry),
      message: `A CMD test execs its first item as the program name: the engine looks for an executable literally named "${program.value.trim()}" and the probe always fails. Give each argument its own item (["CMD", "curl", "-f", …]) or use ["CMD-SHELL", "…"].`,
      fixes: shellFix ? [shellFix] : undefined,
    });
  },
};
