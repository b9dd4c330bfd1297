import type { Rule } from '../rule';

/** A limit (file size, alias uses) stopped the check: say so rather than report nothing. */
export const checkLimit: Rule = {
  code: 'check-limit',
  severity: 'warning',
  checkDocument(ctx) {
    for (const hit of ctx.analysis.limitHits) ctx.report({ at: hit.range, message: hit.message });
  },
};
