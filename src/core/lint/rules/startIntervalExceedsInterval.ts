import { formatDuration } from '../../compose/duration';
import { durationsOf } from '../support/durations';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/**
 * moby `daemon/health.go`: while the container is `starting` and within `start_period`, probes run every
 * `start_interval`, afterwards every `interval`. A start interval longer than the interval makes start-up
 * detection slower than normal probing — the opposite of its purpose, usually two swapped values.
 */
export const startIntervalExceedsInterval: Rule = {
  code: 'start-interval-exceeds-interval',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const values = durationsOf(hc, ctx.analysis);
    const interval = values.find((v) => v.key === 'interval');
    const startInterval = values.find((v) => v.key === 'start_interval');
    if (!interval?.parsed.ok || !startInterval?.parsed.ok || interval.parsed.ns <= 0) return;
    if (startInterval.parsed.ns <= interval.parsed.ns) return;
    const local = startInterval.entry.foreign ? interval : startInterval;
    ctx.report({
      at: local.node,
      origin: originOf(local.entry),
      message: `start_interval (${formatDuration(startInterval.parsed.ns)}) is longer than interval (${formatDuration(interval.parsed.ns)}): during the start period the engine probes every ${formatDuration(startInterval.parsed.ns)}, slower than afterwards — the opposite of what start_interval is for. Were the two values swapped?`,
    });
  },
};
