import type { ProbeRecord, ServiceLane } from './model';

/**
 * Timing measured from a service's recorded history (issue 12, "timing advice from measurement"): how long
 * each start took to turn healthy, and how long probes ran. Pure; the advice (hover, diagnostic, quick
 * fix) is computed from these and the configured values.
 */

/** One recorded start of a container: from `starting` to its first `healthy`, if it got there. */
export interface StartSample {
  containerId: string;
  startedAt: number;
  /** The first `healthy` of this start; undefined when it stopped, restarted or is still not healthy. */
  healthyAt?: number;
  /** It was `unhealthy` before it was healthy (or instead). */
  wentUnhealthy: boolean;
  /** Failed probes of this container between the start and `healthyAt` (or the start's end). */
  failedProbes: ProbeRecord[];
}

export interface Spread {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export interface ServiceTiming {
  /** Oldest first. */
  starts: StartSample[];
  /** Start → healthy of the starts that got there, over the last `RECENT_STARTS` of them. */
  startup?: Spread;
  /** Probe durations (end − start as Docker recorded them), over the last `RECENT_PROBES`. */
  probeDuration?: Spread;
  /** Time between the starts of consecutive probes of one container (the interval as it ran). */
  probeGap?: Spread;
}

/** Advice looks at the most recent starts: an old slow start says little about today's image. */
export const RECENT_STARTS = 10;
export const RECENT_PROBES = 100;

/**
 * The starts of a lane. A start begins with a `starting` status change (the recorder writes it at the
 * container's start: engines emit no `health_status: starting`, moby daemon/health.go) and ends at the
 * next `starting`, `stopped` or `running` (no healthcheck any more) of the same container.
 */
export function startsOf(lane: ServiceLane): StartSample[] {
  const open = new Map<string, StartSample>();
  const starts: StartSample[] = [];
  for (const change of lane.changes) {
    const current = open.get(change.containerId);
    if (change.status === 'starting') {
      const sample: StartSample = { containerId: change.containerId, startedAt: change.at, wentUnhealthy: false, failedProbes: [] };
      starts.push(sample);
      open.set(change.containerId, sample);
    } else if (!current) {
      continue;
    } else if (change.status === 'healthy') {
      current.healthyAt = change.at;
      open.delete(change.containerId);
    } else if (change.status === 'unhealthy') {
      current.wentUnhealthy = true;
    } else if (change.status === 'stopped' || change.status === 'running') {
      open.delete(change.containerId);
    }
  }
  // Each container's failed probes (oldest first, as the lane keeps them) are dealt to its starts in one
  // pass: a container's starts follow each other, so their windows do not overlap.
  const failedByContainer = new Map<string, ProbeRecord[]>();
  for (const probe of lane.probes) {
    if (probe.exitCode === 0) continue;
    let list = failedByContainer.get(probe.containerId);
    if (!list) failedByContainer.set(probe.containerId, (list = []));
    list.push(probe);
  }
  const startsByContainer = new Map<string, StartSample[]>();
  for (const sample of starts) {
    let list = startsByContainer.get(sample.containerId);
    if (!list) startsByContainer.set(sample.containerId, (list = []));
    list.push(sample);
  }
  for (const [containerId, samples] of startsByContainer) {
    const failed = failedByContainer.get(containerId) ?? [];
    let next = 0;
    samples.forEach((sample, i) => {
      const end = sample.healthyAt ?? samples[i + 1]?.startedAt ?? Number.POSITIVE_INFINITY;
      while (next < failed.length && failed[next].start < sample.startedAt) next += 1;
      for (; next < failed.length && failed[next].start < end; next += 1) {
        if (failed[next].end <= end) sample.failedProbes.push(failed[next]);
      }
    });
  }
  return starts;
}

export function serviceTiming(lane: ServiceLane): ServiceTiming {
  const starts = startsOf(lane);
  const measured = starts.filter((s) => s.healthyAt !== undefined).slice(-RECENT_STARTS);
  const probes = lane.probes.slice(-RECENT_PROBES);
  return {
    starts,
    startup: spread(measured.map((s) => s.healthyAt! - s.startedAt)),
    probeDuration: spread(probes.map((p) => Math.max(0, p.end - p.start))),
    probeGap: spread(gaps(probes)),
  };
}

/** Gaps between consecutive probe starts of the same container (a restart in between is not a gap). */
function gaps(probes: readonly ProbeRecord[]): number[] {
  const last = new Map<string, number>();
  const out: number[] = [];
  for (const p of [...probes].sort((a, b) => a.start - b.start)) {
    const previous = last.get(p.containerId);
    if (previous !== undefined) out.push(p.start - previous);
    last.set(p.containerId, p.start);
  }
  return out;
}

/** Nearest-rank percentiles; undefined for no values. */
export function spread(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { count: sorted.length, p50: rank(50), p95: rank(95), max: sorted[sorted.length - 1] };
}

/** What the compose file sets (or the engine's defaults), in ms. */
export interface ConfiguredTiming {
  startPeriodMs: number;
  timeoutMs: number;
}

export type TimingAdviceKind = 'start-period' | 'timeout';

export interface TimingAdvice {
  kind: TimingAdviceKind;
  message: string;
  /** The value the quick fix writes, as a Compose duration (`45s`, `2m`). */
  suggested: string;
}

/** Probe durations this close to the timeout (p95 over 80 %) are one slow answer away from a timeout. */
export const TIMEOUT_MARGIN = 0.8;
/** At least this many probes before the durations say anything. */
export const MIN_PROBES = 5;

/**
 * Advice from measurement, or none. `start_period`: a recent start counted failures against `retries`
 * (a failed probe after the start period, before the first healthy — moby daemon/health.go counts
 * failures only once the start period is over) or went unhealthy before healthy; the suggestion is above
 * the p95 of the measured start-ups. `timeout`: the p95 of recent probe durations is over 80 % of it.
 */
export function timingAdvice(timing: ServiceTiming, configured: ConfiguredTiming): TimingAdvice[] {
  const advice: TimingAdvice[] = [];
  const recent = timing.starts.slice(-RECENT_STARTS);
  const late = recent.filter((s) => s.wentUnhealthy || s.failedProbes.some((p) => p.start >= s.startedAt + configured.startPeriodMs));
  const startup = timing.startup;
  if (late.length > 0 && startup && startup.p95 > configured.startPeriodMs) {
    advice.push({
      kind: 'start-period',
      message:
        `Measured start-up (start → healthy) is ${formatMs(startup.p95)} at p95 over the last ${plural(startup.count, 'start')}, longer than start_period ` +
        `(${formatMs(configured.startPeriodMs)}): in ${plural(late.length, 'recent start')} failed probes counted against retries` +
        `${late.some((s) => s.wentUnhealthy) ? ' and the service went unhealthy' : ''}. A longer start_period lets it start without that.`,
      suggested: roundedAbove(startup.p95),
    });
  }
  const durations = timing.probeDuration;
  if (durations && durations.count >= MIN_PROBES && durations.p95 > TIMEOUT_MARGIN * configured.timeoutMs) {
    advice.push({
      kind: 'timeout',
      message:
        `Probes took ${formatMs(durations.p95)} at p95 over the last ${plural(durations.count, 'probe')}, over ${Math.round(TIMEOUT_MARGIN * 100)} % of timeout ` +
        `(${formatMs(configured.timeoutMs)}): a slightly slower answer is a failed probe. Raise timeout, or make the check cheaper.`,
      // Twice the p95, so that the usual probe takes half the timeout.
      suggested: roundedAbove(2 * durations.p95),
    });
  }
  return advice;
}

/**
 * A round Compose duration strictly above `ms`: whole seconds under 10 s, 5 s steps under a minute, 30 s
 * steps under 5 minutes, whole minutes above.
 */
export function roundedAbove(ms: number): string {
  const s = ms / 1000;
  const step = s < 10 ? 1 : s < 60 ? 5 : s < 300 ? 30 : 60;
  const value = (Math.floor(s / step) + 1) * step;
  if (value < 60 || value % 60 !== 0) return value < 60 ? `${value}s` : `${Math.floor(value / 60)}m${value % 60}s`;
  return `${value / 60}m`;
}

/** `850 ms`, `12.3 s`, `2 min 5 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toString()} s`;
  const totalSeconds = Math.round(ms / 1000);
  const seconds = totalSeconds % 60;
  return `${Math.floor(totalSeconds / 60)} min${seconds ? ` ${seconds} s` : ''}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
