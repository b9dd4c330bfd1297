import { isScalar, isSeq } from 'yaml';
import { parseDuration } from './duration';
import type { HealthcheckSpec } from './healthcheckSpec';
import { interpolate, type Lookup } from './interpolate';
import type { Entry } from './yamlIndex';

const DURATION_FIELDS = {
  interval: 'intervalNs',
  timeout: 'timeoutNs',
  start_period: 'startPeriodNs',
  start_interval: 'startIntervalNs',
} as const;

/** Booleans Compose accepts for `disable` (YAML 1.1 words are accepted with a warning). */
export function parseComposeBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.toLowerCase();
  if (['true', 'yes', 'y', 'on'].includes(word)) return true;
  if (['false', 'no', 'n', 'off'].includes(word)) return false;
  return undefined;
}

/**
 * The engine-level healthcheck Compose would send (compose-go `types/healthcheck.go`, docker/compose
 * `pkg/compose/convert.go`): a string test becomes `["CMD-SHELL", s]`, `disable: true` becomes
 * `["NONE"]`, durations in nanoseconds. Values that cannot be known here (an unset variable, a wrong
 * type) are left unset, which the engine reads as "default".
 */
export function specOf(entries: Map<string, Entry>, lookup: Lookup): HealthcheckSpec {
  const spec: HealthcheckSpec = {};
  const text = (entry: Entry | undefined): string | undefined => {
    const node = entry?.value;
    if (!isScalar(node) || node.value === null || typeof node.value === 'symbol' || typeof node.value === 'object') return undefined;
    const parsed = interpolate(String(node.value), lookup);
    return parsed.error || parsed.unresolved.length > 0 ? undefined : parsed.value;
  };
  const test = entries.get('test')?.value;
  if (isScalar(test) && typeof test.value === 'string') {
    spec.test = ['CMD-SHELL', interpolate(test.value, lookup).value];
  } else if (isSeq(test)) {
    spec.test = test.items.map((item) => (isScalar(item) && item.value !== null ? interpolate(String(item.value), lookup).value : ''));
  }
  const disable = entries.get('disable')?.value;
  if (isScalar(disable) && parseComposeBool(typeof disable.value === 'string' ? text(entries.get('disable')) : disable.value)) {
    spec.test = ['NONE'];
  }
  for (const [key, field] of Object.entries(DURATION_FIELDS)) {
    const raw = text(entries.get(key));
    if (raw === undefined) continue;
    const duration = parseDuration(raw);
    if (duration.ok) spec[field] = duration.ns;
  }
  const retries = text(entries.get('retries'));
  if (retries !== undefined && /^[+-]?\d+$/.test(retries.trim())) spec.retries = Number(retries);
  return spec;
}
