import { originOf } from '../support/scripts';
import { testFormOf, testType } from '../support/testForm';
import type { Rule } from '../rule';

/**
 * A `CMD` / `CMD-SHELL` test with no command. moby `daemon/health.go` builds the probe's argv from the
 * items after the type: with none, Docker Engine 20.10 panics in `getEntrypointAndArgs` ("slice bounds out
 * of range [1:0]") at the first probe and the whole daemon exits — seen here on 20.10.24; newer engines
 * record a failed probe ("healthcheck for container … has no command"). `["CMD-SHELL"]` runs `sh -c` with
 * no script, which fails too. Either way the check can never pass.
 */
export const testNoCommand: Rule = {
  code: 'test-no-command',
  severity: 'error',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    const type = testType(form);
    if (form?.kind !== 'list' || (type !== 'CMD' && type !== 'CMD-SHELL')) return;
    const command = form.items.slice(1);
    if (command.length > 0 && command.some((item) => item.value !== '' || !item.known)) return;
    const effect =
      type === 'CMD' && command.length === 0
        ? 'the first probe crashes Docker Engine 20.10 (the daemon panics and exits) and fails on newer engines ("has no command")'
        : 'every probe fails, so the container never becomes healthy';
    ctx.report({
      at: form.node,
      origin: originOf(form.entry),
      message: `\`["${type}"]\` has no command: ${effect}. Add the command after "${type}", or write \`disable: true\`.`,
    });
  },
};
