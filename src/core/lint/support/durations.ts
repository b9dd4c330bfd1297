import { isScalar, type Scalar } from 'yaml';
import type { ComposeAnalysis, HealthcheckView } from '../../compose/analyze';
import { parseDuration, type DurationResult } from '../../compose/duration';
import type { Entry } from '../../compose/yamlIndex';

export const DURATION_KEYS = ['interval', 'timeout', 'start_period', 'start_interval'] as const;
export type DurationKey = (typeof DURATION_KEYS)[number];

/** The engine's field names, as its validation messages spell them (moby daemon/container.go). */
export const ENGINE_FIELD: Record<DurationKey, string> = {
  interval: 'Interval',
  timeout: 'Timeout',
  start_period: 'StartPeriod',
  start_interval: 'StartInterval',
};

export interface DurationValue {
  key: DurationKey;
  entry: Entry;
  node: Scalar;
  /** A YAML number (`interval: 30`) rather than a string. */
  isNumber: boolean;
  /** The text after interpolation. */
  text: string;
  parsed: DurationResult;
}

/**
 * The healthcheck's durations whose value is known here: strings and numbers, after interpolation.
 * A value using a variable that is not set is skipped (it is not an error, and its value is unknown).
 */
const cache = new WeakMap<HealthcheckView, DurationValue[]>();

export function durationsOf(hc: HealthcheckView, analysis: ComposeAnalysis): DurationValue[] {
  let values = cache.get(hc);
  if (!values) cache.set(hc, (values = readDurations(hc, analysis)));
  return values;
}

function readDurations(hc: HealthcheckView, analysis: ComposeAnalysis): DurationValue[] {
  const values: DurationValue[] = [];
  for (const key of DURATION_KEYS) {
    const entry = hc.entries.get(key);
    const node = entry?.value;
    if (!entry || !isScalar(node)) continue;
    if (typeof node.value === 'number') {
      const text = String(node.value);
      values.push({ key, entry, node, isNumber: true, text, parsed: parseDuration(text) });
    } else if (typeof node.value === 'string') {
      const interpolated = analysis.interpolate(node);
      if (!interpolated || interpolated.error || interpolated.unresolved.length > 0) continue;
      values.push({ key, entry, node, isNumber: false, text: interpolated.value, parsed: parseDuration(interpolated.value) });
    }
  }
  return values;
}
