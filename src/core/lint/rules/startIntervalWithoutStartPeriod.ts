import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/**
 * docker compose ≥ 2.36 rejects `start_interval` alone: "healthcheck.start_interval requires
 * healthcheck.start_period to be set" (its e2e test TestStartInterval expects exactly this).
 */
export const startIntervalWithoutStartPeriod: Rule = {
  code: 'start-interval-without-start-period',
  severity: 'error',
  checkHealthcheck(hc, _service, ctx) {
    const startInterval = hc.entries.get('start_interval');
    // An override whose base file is unknown may get start_period from it.
    if (!startInterval || hc.entries.has('start_period') || ctx.analysis.baseUnknown) return;
    ctx.report({
      at: startInterval.keyNode,
      origin: originOf(startInterval),
      message: 'docker compose rejects this: "healthcheck.start_interval requires healthcheck.start_period to be set". start_interval only applies during the start period; add `start_period:` (how long the service may take to start).',
    });
  },
};
