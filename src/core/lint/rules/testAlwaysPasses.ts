import { commandsOf, originOf, shellScriptsOf } from '../support/scripts';
import { baseName, programIndex, type Word } from '../support/shell';
import { testFormOf, testType } from '../support/testForm';
import type { Rule } from '../rule';

const PRINTERS = new Set(['echo', 'printf']);
/** Redirection targets that leave no trace; `> /dev/tcp/host/port` is a real TCP check in bash. */
const HARMLESS_TARGET = /^(\/dev\/null|\/dev\/stdout|\/dev\/stderr|&[12])$/;

/**
 * A test that only prints (`echo ok > /dev/null`) exits 0 whatever state the service is in: the container
 * is reported healthy from the first probe (the engine only looks at the exit code). An explicit `true`
 * is left alone: that is a deliberate "always healthy".
 */
export const testAlwaysPasses: Rule = {
  code: 'test-always-passes',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (!form || form.kind === 'other') return;
    let printsOnly = false;
    if (form.kind === 'list' && testType(form) === 'CMD') {
      const argv = form.items.slice(1).map((item, i): Word => ({ text: item.value ?? '', start: i }));
      printsOnly = argv.length > 0 && PRINTERS.has(baseName(argv[0].text));
    }
    for (const script of shellScriptsOf(form)) {
      const commands = commandsOf(script);
      printsOnly = commands.length > 0 && commands.every((c) => onlyPrints(c.words));
    }
    if (!printsOnly) return;
    ctx.report({
      at: form.node,
      origin: originOf(form.entry),
      message: 'This test only prints, so it exits 0 whatever state the service is in: the container is reported healthy from the first probe. Test what the service does (a request, a ping, a query), e.g. `wget -q --spider http://localhost:PORT/health`.',
    });
  },
};

function onlyPrints(words: Word[]): boolean {
  const program = programIndex(words);
  if (!PRINTERS.has(baseName(words[program]?.text ?? ''))) return false;
  for (let i = program + 1; i < words.length; i++) {
    const redirect = /^\d?>>?(.*)$/.exec(words[i].text);
    if (!redirect) continue;
    const target = redirect[1] || words[++i]?.text || '';
    if (!HARMLESS_TARGET.test(target)) return false;
  }
  return true;
}
