import { rangeOf } from '../../compose/yamlIndex';
import { fix, replace } from '../support/edits';
import { nearMatch } from '../support/nearMatch';
import { healthcheckPath } from '../support/paths';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

const HEALTHCHECK_KEYS = ['test', 'interval', 'timeout', 'start_period', 'start_interval', 'retries', 'disable'] as const;

/** compose-spec `healthcheck` has `additionalProperties: false`: only its keys and `x-*` are allowed. */
export const healthcheckUnknownKey: Rule = {
  code: 'healthcheck-unknown-key',
  severity: 'error',
  checkHealthcheck(hc, service, ctx) {
    for (const [key, entry] of hc.entries) {
      if ((HEALTHCHECK_KEYS as readonly string[]).includes(key) || key.startsWith('x-')) continue;
      const meant = nearMatch(key, HEALTHCHECK_KEYS);
      const path = healthcheckPath(service);
      ctx.report({
        at: entry.keyNode,
        origin: originOf(entry),
        message:
          `Compose rejects the file: ${path} additional property "${key}" is not allowed. ` +
          (meant ? `Did you mean \`${meant}\`?` : `The keys are ${HEALTHCHECK_KEYS.join(', ')} (and x-* extensions).`),
        fixes: meant ? [fix(`Rename to \`${meant}\``, [replace(rangeOf(entry.keyNode), meant)])] : undefined,
      });
    }
  },
};
