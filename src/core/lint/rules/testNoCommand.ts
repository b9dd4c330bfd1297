import { originOf } from '../support/scripts';
import { testFormOf, testType } from '../support/testForm';
import type { Rule } from '../rule';

/** moby `daemon/health.go`: `["CMD"]` / `["CMD-SHELL"]` with no command never probes ("has no command"). */
export const testNoCommand: Rule = {
  code: 'test-no-command',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    const type = testType(form);
    if (form?.kind !== 'list' || (type !== 'CMD' && type !== 'CMD-SHELL')) return;
    const command = form.items.slice(1);
    if (command.length > 0 && command.some((item) => item.value !== '' || !item.known)) return;
    ctx.report({
      at: form.node,
      origin: originOf(form.entry),
      message: `\`["${type}"]\` has no command: the engine never runs a probe ("healthcheck for container … has no command") and the status stays "starting". Add the command after "${type}", or write \`disable: true\`.`,
    });
  },
};
