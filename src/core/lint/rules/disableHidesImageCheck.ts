import { imageVerdict, testText } from '../support/imageCheck';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/**
 * `disable: true` (or `test: ["NONE"]`) replaces the image's whole HEALTHCHECK for this service (docker
 * compose sends Test ["NONE"]; moby daemon/health.go runs no probe). When the Dockerfile that builds the
 * image writes a check, that is easy to miss: said as information, where the check is turned off.
 */
export const disableHidesImageCheck: Rule = {
  code: 'disable-hides-image-check',
  severity: 'info',
  checkHealthcheck(hc, service, ctx) {
    if (hc.spec.test?.[0] !== 'NONE') return;
    const verdict = imageVerdict(ctx, service.name);
    if (!verdict?.runs) return;
    const key = hc.entries.get('disable') ?? hc.entries.get('test') ?? hc.entry;
    ctx.report({
      at: key.keyNode,
      origin: originOf(key),
      message: `This turns off the image's own HEALTHCHECK (${verdict.where}: \`${testText(verdict.test)}\`) for "${service.name}": no probe runs. Remove it to keep the image's check, or keep it if "${service.name}" should have none.`,
    });
  },
};
