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

const problems = new WeakMap<HealthcheckFlag, DurationProblem | null>();

/** The duration flag's problem as Go's time.ParseDuration reads it, computed once for the three duration rules. */
export function flagDurationProblem(flag: HealthcheckFlag): DurationProblem | undefined {
  let problem = problems.get(flag);
  if (problem === undefined) problems.set(flag, (problem = durationProblem(flag.value ?? '', 'go') ?? null));
  return problem ?? undefined;
}
