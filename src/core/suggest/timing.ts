import { formatDuration } from '../compose/duration';

/** What the timing is derived from: the passing candidate's measured runs and the service's start-up. */
export interface TimingInput {
  /** Durations of the passing candidate's runs (ms): the first pass and the repeats. */
  durationsMs: number[];
  /** Container start → first pass (ms), when it could be measured. */
  startup: { ms: number; exact: boolean } | undefined;
  /** The engine honours `start_interval` (API ≥ 1.44, Engine 25; Compose v2 refuses the key on older engines). */
  startIntervalSupported: boolean;
  /** Defaults: interval 10 s, retries 3. */
  intervalMs?: number;
  retries?: number;
}

export interface SuggestedTiming {
  intervalNs: number;
  timeoutNs: number;
  retries: number;
  startPeriodNs: number;
  startIntervalNs?: number;
  /** Longest time from the service breaking to Docker marking it `unhealthy`: retries × (interval + timeout). */
  worstCaseDetectionNs: number;
  /** One sentence per value, saying what it came from. */
  reasons: string[];
}

const S = 1e9;
const ceilSeconds = (ms: number): number => Math.ceil(ms / 1000) * S;

/** Used when the container had been up too long for its start-up to be measured. */
export const UNMEASURED_START_PERIOD_NS = 30 * S;

/**
 * Timing from measurement. Timeout: five times the slowest measured run, at least 1 s (Docker kills a
 * probe at its timeout and counts it as failed: moby daemon/health.go), so a loaded host does not
 * turn a working check red. Interval 10 s unless asked otherwise (and at least twice the timeout),
 * retries 3: a service that breaks is `unhealthy` at most retries × (interval + timeout) later, since
 * each probe starts one interval after the previous one ended. Start period: twice the measured
 * start-up plus 2 s, in whole seconds, so a start-up that takes twice as long still fails nothing;
 * start interval 1 s (probes during the start period, Engine ≥ 25) so that `healthy` comes about a
 * second after the service is ready rather than one interval after the container started.
 */
export function suggestTiming(input: TimingInput): SuggestedTiming {
  const slowest = Math.max(0, ...input.durationsMs);
  const timeoutNs = Math.max(S, ceilSeconds(5 * slowest));
  const intervalNs = Math.max(ceilSeconds(input.intervalMs ?? 10_000), 2 * timeoutNs);
  const retries = input.retries ?? 3;
  const reasons = [
    `timeout ${formatDuration(timeoutNs)}: the check took at most ${Math.round(slowest)} ms in ${input.durationsMs.length} runs (5× that, at least 1s)`,
  ];
  let startPeriodNs: number;
  if (input.startup) {
    startPeriodNs = ceilSeconds(2 * input.startup.ms + 2000);
    const measured = input.startup.exact
      ? `the service took ${(input.startup.ms / 1000).toFixed(1)} s from container start to the first passing check`
      : `the check already passed ${(input.startup.ms / 1000).toFixed(1)} s after the container started`;
    reasons.push(`start_period ${formatDuration(startPeriodNs)}: ${measured} (2× that + 2s)`);
  } else {
    startPeriodNs = UNMEASURED_START_PERIOD_NS;
    reasons.push(
      `start_period ${formatDuration(startPeriodNs)}: a default, because the container had been running too long to measure its start-up; suggest again right after \`docker compose up\` to measure it`,
    );
  }
  const timing: SuggestedTiming = { intervalNs, timeoutNs, retries, startPeriodNs, worstCaseDetectionNs: retries * (intervalNs + timeoutNs), reasons };
  if (input.startIntervalSupported) {
    timing.startIntervalNs = Math.max(S, ceilSeconds(2 * slowest));
    reasons.push(`start_interval ${formatDuration(timing.startIntervalNs)}: the engine (API ≥ 1.44) probes that often during the start period, so healthy comes soon after start-up`);
  }
  reasons.push(
    `interval ${formatDuration(intervalNs)}, retries ${retries}: a failure is reported as unhealthy at most ${formatDuration(timing.worstCaseDetectionNs)} after it starts (retries × (interval + timeout))`,
  );
  return timing;
}

/** Whether the engine takes `start_interval` (API 1.44 = Engine 25). */
export function startIntervalSupported(apiVersion: string): boolean {
  const [major, minor] = apiVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 44);
}
