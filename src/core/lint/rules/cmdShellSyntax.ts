import { containerEnvironment } from '../support/environment';
import { originOf } from '../support/scripts';
import { SHELLS, baseName } from '../support/shell';
import { testFormOf, testType } from '../support/testForm';
import { toShellFix } from '../support/toShell';
import type { Rule } from '../rule';

const OPERATOR = /^(\|\||&&|\||;|&|\d?>>?|<|\d?>&\d|\d?>>?\/dev\/null)$/;
const SUBSTITUTION = /\$\(|`/;
/** A `$NAME` / `${NAME}` left after Compose's interpolation: written `$$NAME`, Compose's escape for a literal `$`. */
const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
/** Set in every container by the engine (moby `container.CreateDaemonEnvironment`; HOME by the exec's user). */
const ALWAYS_SET = ['HOSTNAME', 'HOME', 'PATH'];
/** Flags after which an argument is code for an interpreter (`node -e`, `mongosh --eval`): not a shell. */
const CODE_FLAGS = /^(-c|-e|--eval|-r|--command|--execute|-Command)$/;

/**
 * moby `daemon/health.go`: a `CMD` test is exec'd directly, no shell: `||`, `&&`, pipes, redirections and
 * `$VAR` reach the program as literal arguments (`["CMD", "curl", "-f", "x", "||", "exit", "1"]` passes
 * `||` to curl). A `$$NAME` is Compose's escape for a literal `$` (an MQTT topic `$$SYS/#` is meant
 * literally): it is reported only when the container sets NAME, whose value was evidently wanted.
 */
export const cmdShellSyntax: Rule = {
  code: 'cmd-shell-syntax',
  severity: 'warning',
  checkHealthcheck(hc, service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (form?.kind !== 'list' || testType(form) !== 'CMD' || form.items.length < 3) return;
    const program = form.items[1].value ?? '';
    if (SHELLS.has(baseName(program)) || /\s/.test(program)) return;
    let environment: Map<string, string | undefined> | undefined;
    for (let i = 2; i < form.items.length; i++) {
      const item = form.items[i];
      if (item.value === undefined || CODE_FLAGS.test(form.items[i - 1].value ?? '')) continue;
      const operator = OPERATOR.test(item.value);
      const substitution = !operator && SUBSTITUTION.test(item.value);
      const variable = operator || substitution ? undefined : containerVariableIn(item.value, () => (environment ??= containerEnvironment(service, ctx.analysis.index)));
      if (!operator && !substitution && !variable) continue;
      const what = operator
        ? `"${item.value}" is passed to ${program} as a literal argument`
        : variable
          ? `"${item.value}" is passed to ${program} literally: the container sets ${variable}, but no shell expands $${variable}`
          : `"${item.value}" is passed to ${program} literally, without $ expansion`;
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

/** The first variable of `value` that the container has (its `environment:` or one the engine always sets). */
function containerVariableIn(value: string, environment: () => Map<string, string | undefined>): string | undefined {
  for (const match of value.matchAll(VARIABLE)) {
    if (ALWAYS_SET.includes(match[1]) || environment().has(match[1])) return match[1];
  }
  return undefined;
}
