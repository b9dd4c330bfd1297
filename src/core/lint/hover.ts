import * as path from 'node:path';
import { formatDuration } from '../compose/duration';
import { effectiveHealthcheck, type EffectiveHealthcheck, type HealthcheckSpec } from '../compose/healthcheckSpec';
import type { ComposeModel, ServiceEntry } from '../compose/model';
import type { Range } from '../compose/range';
import { describeImageCheckSource, type ImageCheck } from '../dockerfile/imageCheck';
import { describeDrift, healthcheckDrift } from '../probe/drift';

/** Markdown for a hover and the span it belongs to (offsets in the model's document). */
export interface HoverContent {
  markdown: string;
  range: Range;
  /** The compose service the hover is about, when it is about one. */
  service?: string;
}

/**
 * The hover for a `healthcheck:` key or anything inside its mapping, and for a `build:` key: the check the
 * service really runs — this file's keys laid over its image's HEALTHCHECK where a workspace Dockerfile
 * says what that is (`imageChecks`), engine defaults for the rest — with where each part comes from,
 * when the first probe runs and how long a failure takes to turn into `unhealthy`.
 */
export function healthcheckHover(
  model: ComposeModel,
  offset: number,
  imageChecks?: ReadonlyMap<string, ImageCheck>,
  running?: ReadonlyMap<string, RunningCheck>,
): HoverContent | undefined {
  const image = (service: ServiceEntry) => imageOf(model, service, imageChecks);
  // What runs now goes near the top, beside where the image's part comes from: it is what a user looks for.
  const withRunning = (service: string, spec: HealthcheckSpec, side?: ImageSide) => {
    const now = running?.get(service);
    return describeHealthcheck(service, spec, side, now && runningDescription(now, spec, side));
  };
  for (const service of model.services) {
    const hc = service.healthcheck;
    if (hc && offset >= hc.keyRange.start && offset <= Math.max(hc.range.end, hc.keyRange.end)) {
      const onKey = offset <= hc.keyRange.end;
      const side = image(service);
      return { markdown: withRunning(service.name, hc.spec, side), range: onKey ? hc.keyRange : hc.range, service: service.name };
    }
    const build = service.build;
    if (build && offset >= build.keyRange.start && offset <= build.keyRange.end) {
      const known = image(service);
      if (!known) return undefined;
      const spec = hc?.spec ?? {};
      return { markdown: withRunning(service.name, spec, known), range: build.keyRange, service: service.name };
    }
  }
  return undefined;
}

/**
 * A running container of the service, with its `Config.Healthcheck` as the engine stored it at create
 * (already merged with the image's: moby daemon/create.go), when an inspect told it.
 */
export interface RunningCheck {
  container: string;
  /** undefined: the container has no healthcheck. */
  spec?: HealthcheckSpec;
  /** The engine's API version: engines before 1.44 do not store start_interval (see drift.ts). */
  apiVersion: string;
}

/** What the running container really runs, and how it differs from what this file (over the image) gives. */
function runningDescription(now: RunningCheck, spec: HealthcheckSpec, image?: ImageSide): string {
  const head = `**Running now**: \`${now.container}\``;
  if (!now.spec?.test) return `${head} runs no healthcheck.`;
  const eff = effectiveHealthcheck(now.spec);
  const test = eff.test?.[0] === 'CMD-SHELL' ? eff.test[1] : JSON.stringify(eff.test?.slice(1) ?? []);
  const timing = `interval ${formatDuration(eff.intervalNs)}, timeout ${formatDuration(eff.timeoutNs)}, start_period ${formatDuration(eff.startPeriodNs)}, retries ${eff.retries}`;
  const imageSpec = image?.check.kind === 'dockerfile' ? image.check.spec : undefined;
  // Only where the image's side is known (a workspace Dockerfile) can what this file leaves to the image be compared.
  const comparable = imageSpec !== undefined || image?.check.kind === 'none';
  const drift = comparable ? healthcheckDrift(spec, now.spec, imageSpec, now.apiVersion) : [];
  const verdict = !comparable ? '' : drift.length === 0 ? ' It matches this file.' : ` It differs from this file: ${describeDrift(drift)} (recreating the service applies the file).`;
  return `${head} runs \`${test.length > 120 ? `${test.slice(0, 117)}…` : test}\` (${timing}), as the engine merged it with the image's at create.${verdict}`;
}

/** The image's check as the hover shows it: what it holds and where it is written (relative to the compose file). */
export interface ImageSide {
  check: ImageCheck;
  where: string;
}

function imageOf(model: ComposeModel, service: ServiceEntry, imageChecks?: ReadonlyMap<string, ImageCheck>): ImageSide | undefined {
  const check = imageChecks?.get(service.name);
  if (!check) return undefined;
  const folder = path.dirname(model.fileName || '.');
  return { check, where: describeImageCheckSource(check, (file) => (path.isAbsolute(file) ? path.relative(folder, file) || file : file)) };
}

type TimingKey = 'intervalNs' | 'timeoutNs' | 'startPeriodNs' | 'startIntervalNs';

const TIMING_ROWS: Array<[string, TimingKey]> = [
  ['interval', 'intervalNs'],
  ['timeout', 'timeoutNs'],
  ['start_period', 'startPeriodNs'],
  ['start_interval', 'startIntervalNs'],
];

export function describeHealthcheck(serviceName: string, spec: HealthcheckSpec, image?: ImageSide, runningNow?: string): string {
  const imageSpec = image?.check.kind === 'dockerfile' ? image.check.spec : undefined;
  const eff = effectiveHealthcheck(spec, imageSpec);
  const title = `**Healthcheck of \`${serviceName}\`**`;
  const imageLine = image ? imageDescription(image) : undefined;
  const disabledBecause = disabledReason(eff);
  if (disabledBecause) {
    const hidden = imageSpec?.test && spec.test?.[0] === 'NONE' && imageSpec.test[0] !== 'NONE' ? ` It turns off the image's own HEALTHCHECK (${image!.where}).` : '';
    return [
      `${title}: disabled — ${disabledBecause}${hidden}`,
      ...(imageLine && !hidden ? [imageLine] : []),
      ...(runningNow ? [runningNow] : []),
      'The engine runs no probe and the container gets no health status; `depends_on` with ' +
        '`condition: service_healthy` on this service fails with `container … has no healthcheck configured`.',
    ].join('\n\n');
  }
  if (eff.test === undefined && image && image.check.kind !== 'base-image' && image.check.kind !== 'unknown') {
    return [
      `${title}: none — no \`test\` here, and ${image.check.kind === 'none' ? `${image.where} writes no HEALTHCHECK and starts from \`scratch\`` : `the HEALTHCHECK at ${image.where} cannot be built`}.`,
      ...(runningNow ? [runningNow] : []),
      'The engine runs no probe and the container gets no health status.',
    ].join('\n\n');
  }
  const parts = [`${title}: effective values`];
  if (imageLine) parts.push(imageLine);
  if (runningNow) parts.push(runningNow);
  parts.push(spec.test === undefined && imageSpec?.test ? `From the image (${image!.where}): ${testDescription(imageSpec.test)}` : testDescription(spec.test));
  parts.push(valuesTable(spec, eff, imageSpec, image?.where));
  parts.push(firstProbe(eff, spec));
  parts.push(...timeToUnhealthy(eff));
  parts.push(
    imageSpec
      ? '_default_: written neither here nor in the image: the engine default (moby `daemon/health.go`). A value here wins over the image\'s (moby `daemon/create.go` merges the image\'s HEALTHCHECK under it).'
      : '_default_: not written, or `0` (which means "unset"): the image\'s own HEALTHCHECK value applies ' +
          'if it has one, else the engine default (moby `daemon/health.go`).',
  );
  return parts.join('\n\n');
}

/** One line on what the service's image carries, from the workspace's Dockerfile. */
function imageDescription({ check, where }: ImageSide): string {
  switch (check.kind) {
    case 'dockerfile': {
      const stage = check.stage.startsWith('#') ? '' : ` (stage \`${check.stage}\`)`;
      if (!check.spec) return `**Image**: the HEALTHCHECK at ${where}${stage} would fail the build, so what the image carries is unknown.`;
      return check.spec.test?.[0] === 'NONE'
        ? `**Image**: \`HEALTHCHECK NONE\` at ${where}${stage}: the image carries no check.`
        : `**Image**: built from ${where.replace(/:\d+$/, '')}${stage}, whose HEALTHCHECK is at ${where}.`;
    }
    case 'none':
      return `**Image**: built from ${where}, which writes no HEALTHCHECK and starts from \`scratch\`: the image carries no check.`;
    case 'base-image':
      return `**Image**: built from ${where}, which writes no HEALTHCHECK: it inherits \`${check.image}\`'s own, if that has one (unknown here).`;
    case 'unknown':
      return `**Image**: built from ${where}, but ${check.reason}: what it carries is unknown.`;
  }
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

export function valuesTable(spec: HealthcheckSpec, eff: EffectiveHealthcheck, image?: HealthcheckSpec, imageWhere?: string): string {
  const rows = ['| key | effective | from |', '|---|---|---|'];
  for (const [key, field] of TIMING_ROWS) {
    rows.push(`| ${key} | ${formatDuration(eff[field])} | ${origin(spec[field], image?.[field], imageWhere)} |`);
  }
  rows.push(`| retries | ${eff.retries} | ${origin(spec.retries, image?.retries, imageWhere)} |`);
  return rows.join('\n');
}

function origin(written: number | undefined, fromImage: number | undefined, imageWhere: string | undefined): string {
  // moby daemon/create.go: a zero or unset value here takes the image's.
  if (!written && fromImage && fromImage > 0) return `image (${imageWhere ?? 'HEALTHCHECK'})`;
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
