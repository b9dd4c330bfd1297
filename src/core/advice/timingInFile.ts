import type { Node, Scalar, YAMLMap } from 'yaml';
import type { ComposeAnalysis } from '../compose/analyze';
import { formatDuration } from '../compose/duration';
import { effectiveHealthcheck, type HealthcheckSpec } from '../compose/healthcheckSpec';
import type { ImageCheck } from '../dockerfile/imageCheck';
import type { Range } from '../compose/range';
import { formatMs, timingAdvice, type ServiceTiming, type TimingAdvice, type TimingAdviceKind } from '../history/timing';

/**
 * Where the measured timing meets a compose file: the `interval` / `timeout` / `start_period` keys of each
 * healthcheck written in this document (from the shared analysis), the hover beside them and the advice
 * anchored on them. Pure; src/advice turns these into a hover, diagnostics and quick fixes.
 */

export type TimingKeyName = 'interval' | 'timeout' | 'start_period';

export interface TimingKey {
  service: string;
  key: TimingKeyName;
  keyRange: Range;
  /** The written value, when it is a scalar in this document (not an alias or merge-key value). */
  valueRange?: Range;
}

export interface ServiceTimingSite {
  service: string;
  /** The `healthcheck:` key (anchor for advice about a key that is not written). */
  healthcheckKey: Range;
  /** Where a new key goes in the block mapping, with its indentation; undefined for a flow mapping. */
  insertAt?: { offset: number; indent: string };
  spec: HealthcheckSpec;
  /** The image's HEALTHCHECK where a workspace Dockerfile tells: what an unwritten key takes before the default. */
  image?: HealthcheckSpec;
  keys: TimingKey[];
}

const NAMES: readonly TimingKeyName[] = ['interval', 'timeout', 'start_period'];
const ADVICE_KEY: Record<TimingAdviceKind, TimingKeyName> = { 'start-period': 'start_period', timeout: 'timeout' };

/**
 * The healthchecks this document writes (not those only inherited from a base file or `extends`), with
 * their image's HEALTHCHECK where `imageChecks` knows it (moby daemon/create.go fills unset values from it).
 */
export function timingSites(analysis: ComposeAnalysis, imageChecks?: ReadonlyMap<string, ImageCheck>): ServiceTimingSite[] {
  const sites: ServiceTimingSite[] = [];
  for (const service of analysis.services) {
    const hc = service.healthcheck;
    if (!hc || service.foreign || hc.entry.foreign || !hc.entry.keyNode.range) continue;
    const [keyStart, keyEnd] = hc.entry.keyNode.range;
    const keys: TimingKey[] = [];
    for (const name of NAMES) {
      const entry = hc.entries.get(name);
      if (!entry || entry.foreign || !entry.keyNode.range) continue;
      const [start, end] = entry.keyNode.range;
      const value = entry.value;
      const plain = !entry.via && isScalarNode(value) && value.range ? value.range : undefined;
      keys.push({ service: service.name, key: name, keyRange: { start, end }, valueRange: plain ? { start: plain[0], end: plain[1] } : undefined });
    }
    const image = imageChecks?.get(service.name);
    const site: ServiceTimingSite = { service: service.name, healthcheckKey: { start: keyStart, end: keyEnd }, insertAt: insertionPoint(analysis.text, hc.map), spec: hc.spec, keys };
    if (image?.kind === 'dockerfile' && image.spec) site.image = image.spec;
    sites.push(site);
  }
  return sites;
}

/** Before the first key of a block mapping, at its column: `start_period: 30s\n` + that column's spaces. */
function insertionPoint(text: string, map: YAMLMap | null): ServiceTimingSite['insertAt'] {
  if (!map || map.flow || map.items.length === 0) return undefined;
  const first = map.items[0].key as Node | null;
  if (!isScalarNode(first) || !first.range) return undefined;
  const offset = first.range[0];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = text.slice(lineStart, offset);
  return /^ *$/.test(indent) ? { offset, indent } : undefined;
}

// Not yaml's isScalar: this module runs in the extension bundle, which must not load the parser (it is in
// dist/analysis.js, loaded at the first parse: esbuild.mjs). A Scalar is the node with a `value` and no `items`.
function isScalarNode(node: unknown): node is Scalar {
  return typeof node === 'object' && node !== null && 'value' in node && !('items' in node);
}

export interface TimingFinding {
  service: string;
  advice: TimingAdvice;
  /** The written key's value, else the `healthcheck:` key. */
  range: Range;
  /** The edit of the quick fix: replace the value, or insert the key. */
  edit?: { range: Range; newText: string };
}

/** Advice for each site with a measured timing (`timingOf` returns undefined when nothing was recorded). */
export function timingFindings(sites: readonly ServiceTimingSite[], timingOf: (service: string) => ServiceTiming | undefined): TimingFinding[] {
  const findings: TimingFinding[] = [];
  for (const site of sites) {
    const timing = timingOf(site.service);
    if (!timing) continue;
    const effective = effectiveHealthcheck(site.spec, site.image);
    if (effective.disabled) continue;
    for (const advice of timingAdvice(timing, { startPeriodMs: effective.startPeriodNs / 1e6, timeoutMs: effective.timeoutNs / 1e6 })) {
      const name = ADVICE_KEY[advice.kind];
      const written = site.keys.find((k) => k.key === name);
      if (written) {
        findings.push({
          service: site.service,
          advice,
          range: written.valueRange ?? written.keyRange,
          edit: written.valueRange ? { range: written.valueRange, newText: advice.suggested } : undefined,
        });
      } else {
        const at = site.insertAt;
        findings.push({
          service: site.service,
          advice,
          range: site.healthcheckKey,
          edit: at ? { range: { start: at.offset, end: at.offset }, newText: `${name}: ${advice.suggested}\n${at.indent}` } : undefined,
        });
      }
    }
  }
  return findings;
}

/** The hover on a timing key: what was measured beside what is configured (markdown), or undefined. */
export function timingHover(key: TimingKey, spec: HealthcheckSpec, timing: ServiceTiming, image?: HealthcheckSpec): string | undefined {
  const effective = effectiveHealthcheck(spec, image);
  const lines: string[] = [];
  const title = `**Measured for \`${key.service}\`** (Compose Health's recorded history)`;
  if (key.key === 'start_period') {
    const startup = timing.startup;
    if (!startup) return `${title}\n\nNo start of this service reached \`healthy\` in the recorded history yet (configured start_period ${formatDuration(effective.startPeriodNs)}).`;
    lines.push(`Start → healthy: p50 **${formatMs(startup.p50)}**, p95 **${formatMs(startup.p95)}**, max ${formatMs(startup.max)} over ${startup.count} start${startup.count === 1 ? '' : 's'}`);
    lines.push(`Configured start_period: **${formatDuration(effective.startPeriodNs)}**`);
    const unhealthy = timing.starts.filter((s) => s.wentUnhealthy).length;
    if (unhealthy > 0) lines.push(`${unhealthy} of ${timing.starts.length} recorded starts went \`unhealthy\` before \`healthy\``);
  } else if (key.key === 'timeout') {
    const d = timing.probeDuration;
    if (!d) return `${title}\n\nNo probe of this service was recorded yet (configured timeout ${formatDuration(effective.timeoutNs)}).`;
    const share = Math.round((d.p95 / (effective.timeoutNs / 1e6)) * 100);
    lines.push(`Probe duration: p50 **${formatMs(d.p50)}**, p95 **${formatMs(d.p95)}**, max ${formatMs(d.max)} over ${d.count} probe${d.count === 1 ? '' : 's'}`);
    lines.push(`Configured timeout: **${formatDuration(effective.timeoutNs)}** (p95 is ${share} % of it)`);
  } else {
    const gap = timing.probeGap;
    if (!gap) return `${title}\n\nToo few probes recorded to measure the interval (configured ${formatDuration(effective.intervalNs)}).`;
    lines.push(`Time between probes: p50 **${formatMs(gap.p50)}**, p95 ${formatMs(gap.p95)} over ${gap.count} gap${gap.count === 1 ? '' : 's'}`);
    // moby daemon/health.go: the next probe is scheduled an interval after the previous one ended, so the
    // gap is the interval plus the probe's duration (and start_interval while starting, Engine ≥ 25).
    lines.push(`Configured interval: **${formatDuration(effective.intervalNs)}** (a gap is the interval plus the probe's own duration)`);
  }
  return `${title}\n\n${lines.map((l) => `- ${l}`).join('\n')}`;
}
