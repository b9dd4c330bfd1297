import { isSeq, type Node } from 'yaml';
import { fix, insert, quoteLike } from '../support/edits';
import { locateInSource } from '../support/locate';
import { commandsOf, originOf, shellScriptsOf } from '../support/scripts';
import { baseName, programIndex, type Word } from '../support/shell';
import { testFormOf, testType, type TestForm } from '../support/testForm';
import type { Rule, RuleContext } from '../rule';
import type { TextEdit } from '../types';

const CURL = /\bcurl\b/;

/**
 * `curl URL` exits 0 on an HTTP 500 unless `-f`/`--fail` is given, so the check never fails (a common
 * real-world mistake). `wget` is not flagged: it exits non-zero on HTTP errors, BusyBox's too. Output piped
 * into another command (`| grep ok`) or `-w` status checks are left alone: the script decides.
 */
export const curlWithoutFail: Rule = {
  code: 'curl-without-fail',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (!form) return;
    const message =
      '`curl` without `-f`/`--fail` exits 0 even when the server answers 404 or 500, so this check passes whenever anything answers. Add `-f` (or `--fail`).';
    for (const script of shellScriptsOf(form)) {
      for (const command of commandsOf(script)) {
        const p = programIndex(command.words);
        if (command.pipedInto || !isCurlWithoutFail(command.words, p)) continue;
        const at = locateInSource(ctx.text, script.node, script.value, command.words[p].start, CURL);
        ctx.report({ at: at ?? script.node, origin: originOf(form.entry), message, fixes: at ? [fix('Add `-f`', [insert(at.end, ' -f')])] : undefined });
      }
    }
    if (form.kind === 'list' && testType(form) === 'CMD') {
      const words = form.items.slice(1).map((item, i): Word => ({ text: item.value ?? '', start: i }));
      const curl = form.items[1]?.node;
      if (!curl || !isCurlWithoutFail(words, 0)) return;
      const edit = insertItemAfter(form, curl, ctx);
      ctx.report({ at: curl, origin: originOf(form.entry), message, fixes: edit ? [fix('Add `-f`', [edit])] : undefined });
    }
  },
};

function isCurlWithoutFail(words: Word[], program: number): boolean {
  if (baseName(words[program]?.text ?? '') !== 'curl') return false;
  const args = words.slice(program + 1).map((w) => w.text);
  return !args.some((a) => /^--fail(-with-body)?$/.test(a) || /^-[A-Za-z]*f[A-Za-z]*$/.test(a) || /^(-w|--write-out)$/.test(a) || a.startsWith('--write-out='));
}

function insertItemAfter(form: Extract<TestForm, { kind: 'list' }>, item: Node, ctx: RuleContext): TextEdit | undefined {
  if (!isSeq(form.node) || !item.range) return undefined;
  const end = item.range[1];
  if (form.node.flow) return insert(end, `, ${quoteLike(item, '-f')}`);
  const lineStart = ctx.text.lastIndexOf('\n', item.range[0] - 1) + 1;
  const dash = /^(\s*)-\s+$/.exec(ctx.text.slice(lineStart, item.range[0]));
  return dash ? insert(end, `\n${dash[1]}- ${quoteLike(item, '-f')}`) : undefined;
}
