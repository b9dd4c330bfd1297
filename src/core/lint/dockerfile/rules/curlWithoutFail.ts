import { CURL_WITHOUT_FAIL_MESSAGE, curlsWithoutFail, execCurlWithoutFail } from '../../checks/curl';
import { healthcheckScript } from '../../../dockerfile/scripts';
import { fix, insert } from '../../support/textEdits';
import type { DockerfileRule } from '../rule';

/** Compose's `curl-without-fail` (checks/curl.ts) over a HEALTHCHECK's shell form, exec form, or `sh -c` script. */
export const curlWithoutFail: DockerfileRule = {
  code: 'curl-without-fail',
  severity: 'warning',
  checkHealthcheck(hc, _stage, ctx) {
    const command = hc.command;
    if (hc.typeName !== 'CMD' || !command || command.form === 'not-strings') return;
    const script = healthcheckScript(hc);
    if (script) {
      if (!script.text.includes('curl')) return;
      // Each curl word is found in the source as the k-th `curl` of the script's text there.
      const source = ctx.text.slice(script.range.start, script.range.end);
      const inScript = curlOffsets(script.text);
      const inSource = curlOffsets(source);
      for (const word of curlsWithoutFail(script.commands)) {
        const k = inScript.indexOf(word.start + word.text.length - 4);
        const at = k >= 0 && inSource[k] !== undefined ? { start: script.range.start + inSource[k], end: script.range.start + inSource[k] + 4 } : script.range;
        const fixes = script.shellForm && at !== script.range ? [fix('Add `-f`', [insert(at.end, ' -f')])] : undefined;
        ctx.report({ at, message: CURL_WITHOUT_FAIL_MESSAGE, fixes });
      }
      return;
    }
    if (command.form !== 'exec' || !command.items[0] || !execCurlWithoutFail(command.items.map((i) => i.text))) return;
    const program = command.items[0];
    ctx.report({ at: program.range, message: CURL_WITHOUT_FAIL_MESSAGE, fixes: [fix('Add `-f`', [insert(program.range.end, ', "-f"')])] });
  },
};

const CURL = /\bcurl\b/g;

/** Where each `curl` word starts (exec in a loop: matchAll would copy the expression on every call). */
function curlOffsets(text: string): number[] {
  const found: number[] = [];
  CURL.lastIndex = 0;
  for (let match = CURL.exec(text); match; match = CURL.exec(text)) found.push(match.index);
  return found;
}
