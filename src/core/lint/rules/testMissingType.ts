import { isSeq } from 'yaml';
import { fix, insert, quoteLike } from '../support/edits';
import { originOf } from '../support/scripts';
import { looksLikeType } from '../support/testTypes';
import { TEST_TYPES, testFormOf, type TestForm } from '../support/testForm';
import type { Rule, RuleContext } from '../rule';
import type { TextEdit } from '../types';

/**
 * A list test that starts with the program (`["curl", "-f", …]`) has no type: compose-go rejects it
 * (`healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"`). Microsoft's compose snippet
 * writes exactly this.
 */
export const testMissingType: Rule = {
  code: 'test-missing-type',
  severity: 'error',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (form?.kind !== 'list') return;
    const first = form.items[0];
    if (!first || first.raw === undefined || (TEST_TYPES as readonly string[]).includes(first.raw) || looksLikeType(first.raw)) return;
    const type = form.items.length === 1 && /\s/.test(first.raw) ? 'CMD-SHELL' : 'CMD';
    const edit = prependEdit(form, type, ctx);
    ctx.report({
      at: first.node ?? form.node,
      origin: originOf(form.entry),
      message: `Compose rejects the file: healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE", and this list starts with the command "${first.raw}". Put "${type}" first.`,
      fixes: edit ? [fix(`Prepend "${type}"`, [edit])] : undefined,
    });
  },
};

/** Inserts a first item into a flow (`[a, b]`) or block (`- a`) list, in the list's own style. */
function prependEdit(form: Extract<TestForm, { kind: 'list' }>, type: string, ctx: RuleContext): TextEdit | undefined {
  const seq = form.node;
  const firstNode = form.items[0].node;
  if (!isSeq(seq) || !seq.range || !firstNode?.range) return undefined;
  if (seq.flow) return insert(firstNode.range[0], `${quoteLike(firstNode, type)}, `);
  const lineStart = ctx.text.lastIndexOf('\n', firstNode.range[0] - 1) + 1;
  const prefix = ctx.text.slice(lineStart, firstNode.range[0]);
  const dash = /^(\s*)-\s+$/.exec(prefix);
  if (!dash) return undefined;
  return insert(lineStart, `${dash[1]}- ${quoteLike(firstNode, type)}\n`);
}
