import { formatDuration } from '../compose/duration';
import { effectiveHealthcheck, type EffectiveHealthcheck, type HealthcheckSpec } from '../compose/healthcheckSpec';
import type { ComposeModel, HealthcheckEntry } from '../compose/model';
import type { Range } from '../compose/range';

/** Markdown for a hover and the span it belongs to (offsets in the model's document). */
export interface HoverContent {
  markdown: string;
  range: Range;
}

/**
 * The hover for a `healthcheck:` key or anything inside its mapping: the effective values with the engine
 * defaults applied, when the first probe runs and how long a failure takes to turn into `unhealthy`.
 */
export function healthcheckHover(model: ComposeModel, offset: number): HoverContent | undefined {
  for (const service of model.services) {
    const hc = service.healthcheck;
    if (!hc || offset < hc.keyRange.start || offset > Math.max(hc.range.end, hc.keyRange.end)) continue;
    const onKey = offset <= hc.keyRange.end;
    return { markdown: describeHealthcheck(service.name, hc), range: onKey ? hc.keyRange : hc.range };
  }
  return undefined;
}

type TimingKey = 'intervalNs' | 'timeoutNs' | 'startPeriodNs' | 'startIntervalNs';

const TIMING_ROWS: Array<[string, TimingKey]> = [
  ['interval', 'intervalNs'],
  ['timeout', 'timeoutNs'],
  ['start_period', 'startPeriodNs'],
  ['start_interval', 'startIntervalNs'],
];

export function describeHealthcheck(serviceName: string, hc: HealthcheckEntry): string {
  const spec = hc.spec;
  const eff = effectiveHealthcheck(spec);
  const title = `**Healthcheck of \`${serviceName}\`**`;
  const disabledBecause = disabledReason(eff);
  if (disabledBecause) {
    return [
      `${title}: disabled — ${disabledBecause}`,
      'The engine runs no probe and the container gets no health status; `depends_on` with ' +
        '`condition: service_healthy` on this service fails with `container … has no healthcheck configured`.',
    ].join('\n\n');
  }
  const parts = [`${title}: effective values`];
  parts.push(testDescription(spec.test));
  parts.push(valuesTable(spec, eff));
  parts.push(firstProbe(eff, spec));
  parts.push(...timeToUnhealthy(eff));
  parts.push(
    '_default_: not written, or `0` (which means "unset"): the image\'s own HEALTHCHECK value applies ' +
      'if it has one, else the engine default (moby `daemon/health.go`).',
  );
  return parts.join('\n\n');
}

/** Why no probe runs, mirroring moby `daemon/health.go` (NONE, empty, unknown type, `CMD` without a command). */
function disabledReason(eff: EffectiveHealthcheck): string | undefined {
  const test = eff.test;
  if (test === undefined) return undefined;
  if (test.length === 0) return 'the `test` list is empty, which the engine treats as `NONE`.';
  if (test[0] === 'NONE') return '`disable: true` or `test: ["NONE"]`.';
  if (test[0] !== 'CMD' && test[0] !== 'CMD-SHELL') return `\`${test[0]}\` is not a test type the engine knows, so it silently runs no probe.`;
  if (test.length === 1) return `\`["${test[0]}"]\` has no command, so no probe runs.`;
  return undefined;
}

export function testDescription(test: string[] | undefined): string {
  if (test === undefined) {
    return "**test**: none written — the image's own HEALTHCHECK test runs with the timing below; " +
      'if the image has no HEALTHCHECK, nothing is probed.';
  }
  if (test[0] === 'CMD-SHELL') {
    const extra = test.length > 2 ? ` The ${test.length - 2} item(s) after the command become \`$0\`, \`$1\`… of the script.` : '';
    const none = test[1] === 'NONE' && test.length === 2 ? ' A string `NONE` runs a command named NONE; write `disable: true` to turn the check off.' : '';
    return `**test**: run by the container's shell (\`/bin/sh -c\` unless the container sets another shell):${extra}${none}\n\n${codeBlock(test[1] ?? '', 'sh')}`;
  }
  return `**test**: executed directly, no shell (\`||\`, pipes and \`$VAR\` are literal arguments):\n\n${codeBlock(JSON.stringify(test.slice(1)), 'json')}`;
}

export function valuesTable(spec: HealthcheckSpec, eff: EffectiveHealthcheck): string {
  const rows = ['| key | effective | from |', '|---|---|---|'];
  for (const [key, field] of TIMING_ROWS) {
    rows.push(`| ${key} | ${formatDuration(eff[field])} | ${origin(spec[field])} |`);
  }
  rows.push(`| retries | ${eff.retries} | ${origin(spec.retries)} |`);
  return rows.join('\n');
}

function origin(written: number | undefined): string {
  if (written === undefined) return 'default';
  if (written === 0) return 'default (`0` means unset)';
  // moby daemon/container.go rejects negative values when the container is created.
  return written > 0 ? 'file' : 'default here, but the engine rejects a negative value';
}

/**
 * moby `daemon/health.go` monitor(): the first timer is getInterval() at container start, which is the
 * start interval while the status is `starting` and the start period has not elapsed, else the interval.
 * start_interval needs API 1.44 (Engine 25); its 5s default is Engine ≥ 27 (25–26 use the interval).
 */
export function firstProbe(eff: EffectiveHealthcheck, spec: HealthcheckSpec): string {
  if (eff.startPeriodNs > 0) {
    const startInterval = formatDuration(eff.startIntervalNs);
    const written = (spec.startIntervalNs ?? 0) > 0;
    return (
      `**First probe**: ${startInterval} after the container starts (start_interval, because a start_period is set), ` +
      `then every ${startInterval} until the first success or the end of the ${formatDuration(eff.startPeriodNs)} start period, ` +
      `then every ${formatDuration(eff.intervalNs)}. Engines before 25 ignore start_interval` +
      (written ? '' : ' and Engines 25–26 use the interval instead of its 5s default') +
      `: there the first probe runs ${formatDuration(eff.intervalNs)} after start.`
    );
  }
  return `**First probe**: ${formatDuration(eff.intervalNs)} after the container starts (one interval), then one interval after each result.`;
}

/**
 * Worst case from "the service starts failing" to status `unhealthy`, following moby `daemon/health.go`:
 * the next probe starts one interval after the previous RESULT (probes never overlap), a probe lasts at
 * most `timeout` (then it is killed and counts as a failure), and the status turns `unhealthy` on the
 * result of the `retries`-th failure in a row (handleProbeResult). If the service breaks at t0 the first
 * failing probe starts at most one interval later, so the last of `retries` failures reports at most
 *   interval + retries × timeout + (retries − 1) × interval = retries × (interval + timeout)  after t0.
 * When probes fail fast (connection refused) the timeouts drop out: about retries × interval.
 * Failures of probes started within the start period while still `starting` do not count, so a container
 * that never becomes healthy is `unhealthy` at most start_period + timeout + retries × (interval + timeout)
 * after start (the last uncounted probe may run until its timeout, then one interval passes).
 */
export function timeToUnhealthy(eff: EffectiveHealthcheck): string[] {
  const worst = eff.retries * (eff.intervalNs + eff.timeoutNs);
  const lines = [
    `**Failure → unhealthy**: at most ${formatDuration(worst)} = retries ${eff.retries} × (interval ${formatDuration(eff.intervalNs)} + ` +
      `timeout ${formatDuration(eff.timeoutNs)}): each failing probe may run until its timeout and the next one starts an interval after its result. ` +
      `Probes that fail at once take about ${formatDuration(eff.retries * eff.intervalNs)} (retries × interval).`,
  ];
  if (eff.startPeriodNs > 0) {
    const neverHealthy = eff.startPeriodNs + eff.timeoutNs + worst;
    lines.push(
      `Failures during the ${formatDuration(eff.startPeriodNs)} start period do not count while the status is \`starting\`; ` +
        `a container that never becomes healthy is \`unhealthy\` at most ${formatDuration(neverHealthy)} after it starts.`,
    );
  }
  return lines;
}

function codeBlock(text: string, language: string): string {
  const fence = text.includes('```') ? '~~~~' : '```';
  return `${fence}${language}\n${text}\n${fence}`;
}
