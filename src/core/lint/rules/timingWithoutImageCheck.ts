import { imageVerdict, onlyRetimesImage } from '../support/imageCheck';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/**
 * A healthcheck with timing keys but no `test` re-times the image's HEALTHCHECK (the engine fills the
 * empty test from the image at create: moby daemon/create.go merge). When the Dockerfile that builds the
 * image has none (or `HEALTHCHECK NONE`), there is nothing to re-time: no probe runs and the container
 * never gets a health status, so `service_healthy` on it fails.
 */
export const timingWithoutImageCheck: Rule = {
  code: 'timing-without-image-check',
  severity: 'warning',
  checkHealthcheck(hc, service, ctx) {
    if (!onlyRetimesImage(hc, ctx)) return;
    const verdict = imageVerdict(ctx, service.name);
    if (!verdict || verdict.runs) return;
    ctx.report({
      at: hc.entry.keyNode,
      origin: originOf(hc.entry),
      message: `This healthcheck has no \`test\` and only re-times the image's HEALTHCHECK, but ${verdict.why}: no probe runs, the container never gets a health status, and \`service_healthy\` on "${service.name}" fails. Add a \`test\` here, or a HEALTHCHECK to the Dockerfile.`,
    });
  },
};
