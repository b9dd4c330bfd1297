import { parseDuration, type DurationGrammar, type DurationResult } from '../../compose/duration';

const MILLISECOND_NS = 1e6;

/**
 * The check behind `duration-missing-unit`, `duration-invalid` and `duration-below-minimum` in both front
 * ends. Compose reads durations with compose-go's str2duration, BuildKit a HEALTHCHECK flag with Go's
 * `time.ParseDuration` (parse.go parseOptInterval; no `d`/`w`); either rejects a number without a unit.
 * The engine (moby daemon/container.go) and BuildKit (parseOptInterval) refuse a non-zero duration below
 * 1ms, negative ones too.
 */
export type DurationProblem = { kind: 'missing-unit' } | { kind: 'invalid'; error: string } | { kind: 'below-minimum' };

export function durationProblem(text: string, grammar: DurationGrammar, parsed: DurationResult = parseDuration(text, grammar)): DurationProblem | undefined {
  if (!parsed.ok) return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? { kind: 'missing-unit' } : { kind: 'invalid', error: parsed.error };
  return parsed.ns !== 0 && parsed.ns < MILLISECOND_NS ? { kind: 'below-minimum' } : undefined;
}

/** The units each grammar takes, for the messages. */
export const UNITS: Record<DurationGrammar, string> = { compose: 'ns, us, ms, s, m, h, d, w', go: 'ns, us, ms, s, m, h' };

/**
 * The check behind `retries-negative`: compose-go decodes `retries` into an unsigned number and BuildKit
 * refuses `--retries cannot be negative`; the engine refuses "Retries in Healthcheck cannot be negative".
 * The negative number, or undefined.
 */
export function negativeRetries(text: string): number | undefined {
  return /^\s*-\s*\d+\s*$/.test(text) && Number(text.replace(/\s/g, '')) !== 0 ? Number(text.replace(/\s/g, '')) : undefined;
}
