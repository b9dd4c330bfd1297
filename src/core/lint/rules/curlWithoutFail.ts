import { isSeq, type Node } from 'yaml';
import { fix, insert, quoteLike } from '../support/edits';
import { locateInSource } from '../support/locate';
import { CURL_WITHOUT_FAIL_MESSAGE, curlsWithoutFail, execCurlWithoutFail } from '../checks/curl';
import { commandsOf, originOf, shellScriptsOf } from '../support/scripts';
import { testFormOf, testType, type TestForm } from '../support/testForm';
import type { Rule, RuleContext } from '../rule';
import type { TextEdit } from '../types';

const CURL = /\bcurl\b/;

/**
 * `curl URL` exits 0 on an HTTP 500 unless `-f`/`--fail` is given, so the check never fails. The check
 * itself is shared with the Dockerfile rule (checks/curl.ts); this finds the compose test's scripts.
 */
export const curlWithoutFail: Rule = {
  code: 'curl-without-fail',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (!form) return;
    const message = CURL_WITHOUT_FAIL_MESSAGE;
    for (const script of shellScriptsOf(form)) {
      for (const word of curlsWithoutFail(commandsOf(script))) {
        const at = locateInSource(ctx.text, script.node, script.value, word.start, CURL);
        ctx.report({ at: at ?? script.node, origin: originOf(form.entry), message, fixes: at ? [fix('Add `-f`', [insert(at.end, ' -f')])] : undefined });
      }
    }
    if (form.kind === 'list' && testType(form) === 'CMD') {
      const curl = form.items[1]?.node;
      if (!curl || !execCurlWithoutFail(form.items.slice(1).map((item) => item.value ?? ''))) return;
      const edit = insertItemAfter(form, curl, ctx);
      ctx.report({ at: curl, origin: originOf(form.entry), message, fixes: edit ? [fix('Add `-f`', [edit])] : undefined });
    }
  },
};

function insertItemAfter(form: Extract<TestForm, { kind: 'list' }>, item: Node, ctx: RuleContext): TextEdit | undefined {
  if (!isSeq(form.node) || !item.range) return undefined;
  const end = item.range[1];
  if (form.node.flow) return insert(end, `, ${quoteLike(item, '-f')}`);
  const lineStart = ctx.text.lastIndexOf('\n', item.range[0] - 1) + 1;
  const dash = /^(\s*)-\s+$/.exec(ctx.text.slice(lineStart, item.range[0]));
  return dash ? insert(end, `\n${dash[1]}- ${quoteLike(item, '-f')}`) : undefined;
}
