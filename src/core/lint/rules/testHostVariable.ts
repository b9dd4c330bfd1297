import { isScalar, type Scalar } from 'yaml';
import { interpolate } from '../../compose/interpolate';
import { fix, insert } from '../support/edits';
import { containerEnvironment } from '../support/environment';
import { originOf } from '../support/scripts';
import { testFormOf } from '../support/testForm';
import type { Rule } from '../rule';

/**
 * Compose interpolates `$VAR` / `${VAR}` when it loads the file, on the host (shell or `.env`), not in the
 * container. Flagged when the service sets that variable in its own `environment:` to something else: the
 * author meant the container's value, which only `$$VAR` gives.
 */
export const testHostVariable: Rule = {
  code: 'test-host-variable',
  severity: 'warning',
  checkHealthcheck(hc, service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (!form) return;
    let environment: Map<string, string | undefined> | undefined;
    const scalars: Scalar[] =
      form.kind === 'string' ? [form.node] : form.kind === 'list' ? form.items.map((i) => i.node).filter((n): n is Scalar => isScalar(n)) : [];
    for (const node of scalars) {
      const [start, end] = node.range ?? [0, 0];
      const source = ctx.text.slice(start, end);
      if (!source.includes('$')) continue;
      environment ??= containerEnvironment(service, ctx.analysis.index);
      for (const ref of interpolate(source, () => undefined).references) {
        if (ref.hasOperator || !environment.has(ref.name)) continue;
        const containerValue = environment.get(ref.name);
        if (containerValue === undefined || new RegExp(`\\$\\{?${ref.name}\\b`).test(containerValue)) continue;
        const written = source.slice(ref.start, ref.end);
        ctx.report({
          at: { start: start + ref.start, end: start + ref.end },
          origin: originOf(form.entry),
          message: `\`${written}\` is filled in by Compose on the host (from the shell or .env) when it loads the file, not by the container, where this service sets ${ref.name}=${containerValue}. Write \`$${written}\` so the container's shell expands it.`,
          fixes: [fix(`Escape as $${written}`, [insert(start + ref.start, '$')])],
        });
      }
    }
  },
};
