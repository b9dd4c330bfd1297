import { fix, replace } from '../support/edits';
import { locateInSource } from '../support/locate';
import { commandsOf, originOf, shellScriptsOf } from '../support/scripts';
import { programIndex } from '../support/shell';
import { testFormOf } from '../support/testForm';
import type { Rule } from '../rule';

const EXIT_2 = /\bexit\s+2\b/;

/** Docker documents healthcheck exit code 2 as reserved; the engine counts it as a failure like 1. */
export const exitCode2: Rule = {
  code: 'exit-code-2',
  severity: 'info',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    for (const script of shellScriptsOf(form)) {
      for (const command of commandsOf(script)) {
        const p = programIndex(command.words);
        if (command.words[p]?.text !== 'exit' || command.words[p + 1]?.text !== '2') continue;
        const at = locateInSource(ctx.text, script.node, script.value, command.words[p].start, EXIT_2);
        ctx.report({
          at: at ?? script.node,
          origin: originOf(form?.entry),
          message: 'Exit code 2 is reserved for healthchecks (Docker docs: "do not use this exit code"); the engine counts it as a failure like any non-zero code. Use `exit 1`.',
          fixes: at ? [fix('Use `exit 1`', [replace({ start: at.end - 1, end: at.end }, '1')])] : undefined,
        });
      }
    }
  },
};
