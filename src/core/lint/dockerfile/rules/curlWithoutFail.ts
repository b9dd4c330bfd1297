import { CURL_WITHOUT_FAIL_MESSAGE, curlsWithoutFail, execCurlWithoutFail } from '../../checks/curl';
import { SHELLS, baseName } from '../../support/shell';
import { fix, insert } from '../../support/edits';
import type { DockerfileRule } from '../rule';

/** Compose's `curl-without-fail` (checks/curl.ts) over a HEALTHCHECK's shell form, exec form, or `sh -c` script. */
export const curlWithoutFail: DockerfileRule = {
  code: 'curl-without-fail',
  severity: 'warning',
  checkHealthcheck(hc, _stage, ctx) {
    const command = hc.command;
    if (hc.type?.text.toUpperCase() !== 'CMD' || !command || command.form === 'not-strings') return;
    if (command.form === 'exec') {
      const [program, ...args] = command.items;
      if (!program) return;
      if (SHELLS.has(baseName(program.text))) {
        const c = args.findIndex((a) => /^-[a-z]*c$/.test(a.text));
        const script = c >= 0 ? args[c + 1] : undefined;
        if (script) reportScript(script.text, script.range, false);
        return;
      }
      if (!execCurlWithoutFail(command.items.map((i) => i.text))) return;
      ctx.report({ at: program.range, message: CURL_WITHOUT_FAIL_MESSAGE, fixes: [fix('Add `-f`', [insert(program.range.end, ', "-f"')])] });
      return;
    }
    reportScript(command.script, command.range, true);

    /** Each curl word is found in the source as the k-th `curl` of the script's text there. */
    function reportScript(script: string, range: { start: number; end: number }, fixable: boolean): void {
      const source = ctx.text.slice(range.start, range.end);
      const all = [...script.matchAll(/\bcurl\b/g)].map((m) => m.index);
      const inSource = [...source.matchAll(/\bcurl\b/g)].map((m) => m.index);
      for (const word of curlsWithoutFail(script)) {
        const end = word.start + word.text.length;
        const k = all.findIndex((i) => i === end - 4);
        const at = k >= 0 && inSource[k] !== undefined ? { start: range.start + inSource[k], end: range.start + inSource[k] + 4 } : range;
        const edit = fixable && at !== range ? [fix('Add `-f`', [insert(at.end, ' -f')])] : undefined;
        ctx.report({ at, message: CURL_WITHOUT_FAIL_MESSAGE, fixes: edit });
      }
    }
  },
};
