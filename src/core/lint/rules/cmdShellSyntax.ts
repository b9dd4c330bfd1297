import { describeShellSyntax, findShellSyntax } from '../checks/shellSyntax';
import { containerEnvironment } from '../support/environment';
import { originOf } from '../support/scripts';
import { testFormOf, testType } from '../support/testForm';
import { toShellFix } from '../support/toShell';
import type { Rule } from '../rule';

/** Set in every container by the engine (moby `container.CreateDaemonEnvironment`; HOME by the exec's user). */
const ALWAYS_SET = ['HOSTNAME', 'HOME', 'PATH'];

/**
 * moby `daemon/health.go`: a `CMD` test is exec'd directly, no shell: `||`, `&&`, pipes, redirections and
 * `$VAR` reach the program as literal arguments (`["CMD", "curl", "-f", "x", "||", "exit", "1"]` passes
 * `||` to curl). A `$$NAME` is Compose's escape for a literal `$` (an MQTT topic `$$SYS/#` is meant
 * literally): it is reported only when the container sets NAME, whose value was evidently wanted.
 * The check itself is shared with the Dockerfile rule (checks/shellSyntax.ts).
 */
export const cmdShellSyntax: Rule = {
  code: 'cmd-shell-syntax',
  severity: 'warning',
  checkHealthcheck(hc, service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (form?.kind !== 'list' || testType(form) !== 'CMD') return;
    let environment: Map<string, string | undefined> | undefined;
    const argv = form.items.slice(1).map((item) => item.value);
    const hit = findShellSyntax(argv, (name) => ALWAYS_SET.includes(name) || (environment ??= containerEnvironment(service, ctx.analysis.index)).has(name));
    if (!hit) return;
    const program = argv[0] ?? '';
    const item = form.items[hit.index + 1];
    const what = describeShellSyntax(program, item.value ?? '', hit, (name) => `the container sets ${name}, but no shell expands $${name}`);
    const shellFix = toShellFix(form, ctx.text, 1, 'Convert to CMD-SHELL');
    ctx.report({
      at: item.node ?? form.node,
      origin: originOf(form.entry),
      message: `A CMD test runs ${program} directly, without a shell: ${what}. Use ["CMD-SHELL", "…"] to get shell syntax.`,
      fixes: shellFix ? [shellFix] : undefined,
    });
  },
};
