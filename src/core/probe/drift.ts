import { formatDuration } from '../compose/duration';
import { effectiveHealthcheck, type EffectiveHealthcheck, type HealthcheckSpec } from '../compose/healthcheckSpec';

export interface DriftField {
  field: 'test' | 'interval' | 'timeout' | 'start_period' | 'start_interval' | 'retries';
  /** What the container runs now. */
  container: string;
  /** What it would run once recreated from the file. */
  file: string;
}

/**
 * How the running container's healthcheck differs from the one the file would give it. The
 * container's `Config.Healthcheck` was merged with the image's by the engine at create time; the
 * file's is merged the same way here (`effectiveHealthcheck`), so "unset" and "the default" compare
 * equal. `start_interval` only counts on engines that store it (API ≥ 1.44): older ones drop it, so a
 * difference there could never be fixed by recreating.
 */
export function healthcheckDrift(
  file: HealthcheckSpec,
  container: HealthcheckSpec | undefined,
  image: HealthcheckSpec | undefined,
  apiVersion: string,
): DriftField[] {
  const want = effectiveHealthcheck(file, image);
  const have = effectiveHealthcheck(container, undefined);
  const drift: DriftField[] = [];
  const testText = (h: EffectiveHealthcheck): string => (h.test ? JSON.stringify(h.test) : '(none)');
  if (testText(want) !== testText(have)) drift.push({ field: 'test', container: testText(have), file: testText(want) });
  const durations = [
    ['interval', 'intervalNs'],
    ['timeout', 'timeoutNs'],
    ['start_period', 'startPeriodNs'],
    ...(storesStartInterval(apiVersion) ? ([['start_interval', 'startIntervalNs']] as const) : []),
  ] as const;
  for (const [field, key] of durations) {
    if (want[key] !== have[key]) drift.push({ field, container: formatDuration(have[key]), file: formatDuration(want[key]) });
  }
  if (want.retries !== have.retries) drift.push({ field: 'retries', container: String(have.retries), file: String(want.retries) });
  return drift;
}

function storesStartInterval(apiVersion: string): boolean {
  const [major, minor] = apiVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 44);
}

/** One line for a diagnostic or tooltip: `test ["CMD","true"] → ["CMD","false"]; interval 30s → 5s`. */
export function describeDrift(drift: DriftField[]): string {
  return drift.map((d) => `${d.field} ${d.container} → ${d.file}`).join('; ');
}
