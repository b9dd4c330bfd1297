import { isScalar, type Scalar } from 'yaml';
import { interpolate } from '../../compose/interpolate';
import { fix, insert, replace } from '../support/edits';
import { containerEnvironment } from '../support/environment';
import { originOf } from '../support/scripts';
import { testFormOf, testType } from '../support/testForm';
import type { Rule } from '../rule';

/**
 * Compose interpolates `$VAR` / `${VAR}` when it loads the file, on the host (shell or `.env`), not in the
 * container. Flagged:
 * - an unbraced `$VAR`: shell style, so the container's variable was almost certainly meant (`$HOSTNAME`
 *   becomes the host's name); `${VAR}` is the form that reads as "the host's value" in compose files;
 * - `${VAR}` when the service's own `environment:` sets VAR to something else: the container's value was
 *   meant, which only `$$VAR` gives.
 * Not flagged: a reference with a default/alternative (`${VAR:-x}`, written for the host on purpose) and
 * a variable the container takes from the same host variable (`VAR: ${VAR}`), where both values agree.
 * In a `CMD` list no shell runs (moby `daemon/health.go` execs the items): `$$VAR` there is the literal
 * text `$VAR`, so the container's value needs CMD-SHELL; the message says so.
 */
export const testHostVariable: Rule = {
  code: 'test-host-variable',
  severity: 'warning',
  checkHealthcheck(hc, service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (!form) return;
    const noShell = testType(form) === 'CMD';
    let environment: Map<string, string | undefined> | undefined;
    const scalars: Scalar[] =
      form.kind === 'string' ? [form.node] : form.kind === 'list' ? form.items.map((i) => i.node).filter((n): n is Scalar => isScalar(n)) : [];
    for (const node of scalars) {
      const [start, end] = node.range ?? [0, 0];
      const source = ctx.text.slice(start, end);
      if (!source.includes('$')) continue;
      environment ??= containerEnvironment(service, ctx.analysis.index);
      for (const ref of interpolate(source, () => undefined).references) {
        if (ref.hasOperator) continue;
        const written = source.slice(ref.start, ref.end);
        const braced = written.startsWith('${');
        const containerValue = environment.get(ref.name);
        const sameAsHost = environment.has(ref.name) && (containerValue === undefined || new RegExp(`\\$\\{?${ref.name}\\b`).test(containerValue));
        if (sameAsHost || (braced && !environment.has(ref.name))) continue;
        const at = { start: start + ref.start, end: start + ref.end };
        const where = environment.has(ref.name) ? `not by the container, where this service sets ${ref.name}=${containerValue}` : "not from the container's environment";
        const hostForm = braced || environment.has(ref.name) ? '' : `, or \`\${${ref.name}}\` if the host's value is meant`;
        const advice = noShell
          ? `A CMD test runs no shell, so \`$${written}\` would pass the literal text \`${written}\`: for the container's value use ["CMD-SHELL", "…"] with \`$${written}\`${hostForm}.`
          : `Write \`$${written}\` so the container's shell expands it${hostForm}.`;
        ctx.report({
          at,
          origin: originOf(form.entry),
          message: `\`${written}\` is filled in by Compose on the host (from the shell or .env, empty if unset) when it loads the file, ${where}. ${advice}`,
          fixes: [
            fix(noShell ? `Escape as $${written} (the literal text ${written}: no shell in a CMD test)` : `Escape as $${written} (the container's value)`, [insert(at.start, '$')]),
            // Only when the container does not set it: otherwise \${VAR} would still read the wrong value.
            ...(braced || environment.has(ref.name) ? [] : [fix(`Write \${${ref.name}} (the host's value)`, [replace(at, `\${${ref.name}}`)], false)]),
          ],
        });
      }
    }
  },
};
