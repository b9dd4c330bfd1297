import { imageVerdict, onlyRetimesImage } from '../support/imageCheck';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/**
 * A healthcheck with timing keys but no `test` only re-times the image's own HEALTHCHECK. Said only while
 * the image is unknown: when a workspace Dockerfile builds it, re-timing its check is plainly meant, and
 * an image without one is `timing-without-image-check`'s warning.
 */
export const timingWithoutTest: Rule = {
  code: 'timing-without-test',
  severity: 'info',
  checkHealthcheck(hc, service, ctx) {
    if (!onlyRetimesImage(hc, ctx) || imageVerdict(ctx, service.name)) return;
    ctx.report({
      at: hc.entry.keyNode,
      origin: originOf(hc.entry),
      message: 'This healthcheck has no `test`: it only changes the timing of the image\'s own HEALTHCHECK. If the image defines none, nothing is probed and depending on `service_healthy` fails. Add a `test` if you meant to define the check here.',
    });
  },
};
