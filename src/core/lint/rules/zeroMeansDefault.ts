import { isScalar } from 'yaml';
import { formatDuration } from '../../compose/duration';
import { ENGINE_DEFAULTS } from '../../compose/healthcheckSpec';
import { durationsOf, type DurationKey } from '../support/durations';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

const DEFAULTS: Partial<Record<DurationKey, string>> = {
  interval: formatDuration(ENGINE_DEFAULTS.intervalNs),
  timeout: formatDuration(ENGINE_DEFAULTS.timeoutNs),
  start_interval: `${formatDuration(ENGINE_DEFAULTS.startIntervalNs)} (Engine 25–26: the interval)`,
};

/**
 * moby `daemon/health.go`: a zero duration and `retries <= 0` mean "unset" — the image's HEALTHCHECK value,
 * else the default. `start_period: 0s` is left alone: its default is 0 anyway.
 */
export const zeroMeansDefault: Rule = {
  code: 'zero-means-default',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    for (const value of durationsOf(hc, ctx.analysis)) {
      const fallback = DEFAULTS[value.key];
      if (!fallback || !value.parsed.ok || value.parsed.ns !== 0) continue;
      ctx.report({
        at: value.node,
        origin: originOf(value.entry),
        message: `\`${value.key}: ${value.text}\` does not mean zero: the engine treats 0 as unset and uses the image's HEALTHCHECK value, else ${fallback}. Write the value you want (e.g. 1s), or leave the key out.`,
      });
    }
    const retries = hc.entries.get('retries');
    const node = retries?.value;
    if (!retries || !isScalar(node)) return;
    const text = ctx.analysis.interpolate(node);
    if (!text || text.error || text.unresolved.length > 0 || !/^\s*[+-]?0+\s*$/.test(text.value)) return;
    ctx.report({
      at: node,
      origin: originOf(retries),
      message: `\`retries: 0\` does not mean "no retries": the engine treats it as unset and uses the image's value, else ${ENGINE_DEFAULTS.retries}. Use retries: 1 to mark the container unhealthy on the first failure.`,
    });
  },
};
