import { rangeOf } from '../../compose/yamlIndex';
import { fix, quoteLike, replace } from '../support/edits';
import { originOf } from '../support/scripts';
import { looksLikeType, meantType } from '../support/testTypes';
import { TEST_TYPES, testFormOf } from '../support/testForm';
import type { Rule } from '../rule';

/**
 * compose-go `loader/validate.go`: `healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE"`
 * (case-sensitive). The engine itself would silently disable a check of unknown type.
 */
export const testUnknownType: Rule = {
  code: 'test-unknown-type',
  severity: 'error',
  checkHealthcheck(hc, _service, ctx) {
    const form = testFormOf(hc, ctx.analysis);
    if (form?.kind !== 'list') return;
    const first = form.items[0];
    if (!first || first.raw === undefined || (TEST_TYPES as readonly string[]).includes(first.raw) || !looksLikeType(first.raw)) return;
    const meant = meantType(first.raw);
    ctx.report({
      at: first.node ?? form.node,
      origin: originOf(form.entry),
      message: `Compose rejects the file: healthcheck.test must start either by "CMD", "CMD-SHELL" or "NONE" (case-sensitive), not "${first.raw}".${meant ? ` Did you mean "${meant}"?` : ''}`,
      fixes: meant && first.node ? [fix(`Change to "${meant}"`, [replace(rangeOf(first.node), quoteLike(first.node, meant))])] : undefined,
    });
  },
};
