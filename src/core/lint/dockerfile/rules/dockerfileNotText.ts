import type { DockerfileRule } from '../rule';

/** A file named like a Dockerfile that holds binary data: refused, with the reason, instead of read as instructions. */
export const dockerfileNotText: DockerfileRule = {
  code: 'dockerfile-not-text',
  severity: 'warning',
  checkDocument(ctx) {
    if (ctx.model.refused?.reason === 'not-text') ctx.report({ at: { start: 0, end: 0 }, message: ctx.model.refused.message });
  },
};
