import type { DockerfileRule } from '../rule';

/** A Dockerfile too large to check: say so rather than report nothing (compose's `check-limit`). */
export const checkLimit: DockerfileRule = {
  code: 'check-limit',
  severity: 'warning',
  checkDocument(ctx) {
    if (ctx.model.refused?.reason === 'too-large') ctx.report({ at: { start: 0, end: 0 }, message: ctx.model.refused.message });
  },
};
