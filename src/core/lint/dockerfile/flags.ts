import type { HealthcheckFlag, HealthcheckInstruction } from '../../dockerfile/model';
import { durationProblem, type DurationProblem } from '../checks/durations';

export const DURATION_FLAGS = ['interval', 'timeout', 'start-period', 'start-interval'] as const;

/**
 * The flags BuildKit reads: none for `HEALTHCHECK NONE` (parse.go parseHealthcheck returns before it
 * parses flags), else each known one that has a value (an unknown or value-less flag is
 * healthcheck-flag-invalid's).
 */
export function readFlags(hc: HealthcheckInstruction, names: readonly string[]): HealthcheckFlag[] {
  if (hc.typeName === 'NONE') return [];
  return hc.flags.filter((f) => names.includes(f.name) && f.value !== undefined && f.value !== '' && f.valueRange);
}

/**
 * Durations already read, by their text: a file repeats a handful of values (30s, 5s) over many flags,
 * and the three duration rules ask about each flag. Bounded: cleared when it grows past a few hundred.
 */
const problems = new Map<string, DurationProblem | null>();

/** The duration flag's problem as Go's time.ParseDuration reads it. */
export function flagDurationProblem(flag: HealthcheckFlag): DurationProblem | undefined {
  const text = flag.value ?? '';
  let problem = problems.get(text);
  if (problem === undefined) {
    if (problems.size >= 256) problems.clear();
    problems.set(text, (problem = durationProblem(text, 'go') ?? null));
  }
  return problem ?? undefined;
}
