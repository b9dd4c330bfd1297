import { isScalar } from 'yaml';
import { negativeRetries } from '../checks/durations';
import { healthcheckPath } from '../support/paths';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/** compose-go decodes `retries` into an unsigned number: a negative value fails to load (checks/durations.ts, shared with Dockerfiles). */
export const retriesNegative: Rule = {
  code: 'retries-negative',
  severity: 'error',
  checkHealthcheck(hc, service, ctx) {
    const entry = hc.entries.get('retries');
    const node = entry?.value;
    if (!entry || !isScalar(node)) return;
    const text = ctx.analysis.interpolate(node);
    if (!text || text.error || text.unresolved.length > 0 || negativeRetries(text.value) === undefined) return;
    ctx.report({
      at: node,
      origin: originOf(entry),
      message: `Compose rejects the file: ${healthcheckPath(service, 'retries')} cannot be negative (${text.value.trim()}); the engine also refuses "Retries in Healthcheck cannot be negative". Use a positive number such as 3.`,
    });
  },
};
