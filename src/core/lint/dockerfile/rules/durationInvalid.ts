import { parseDuration } from '../../../compose/duration';
import { UNITS } from '../../checks/durations';
import { fix, replace } from '../../support/textEdits';
import { DURATION_FLAGS, flagDurationProblem, readFlags } from '../flags';
import type { DockerfileRule } from '../rule';

/**
 * parse.go parseOptInterval reads the flag with Go's `time.ParseDuration`: an unknown unit, no number, or
 * the `d`/`w` units that compose files accept fail the build with Go's own message.
 */
export const durationInvalid: DockerfileRule = {
  code: 'duration-invalid',
  severity: 'error',
  checkHealthcheck(hc, _stage, ctx) {
    for (const flag of readFlags(hc, DURATION_FLAGS)) {
      const value = flag.value!;
      const problem = flagDurationProblem(flag);
      if (problem?.kind !== 'invalid') continue;
      // Days and weeks, which Compose takes: the same length in hours is what BuildKit reads.
      const composeReading = parseDuration(value, 'compose');
      const hours = composeReading.ok && composeReading.ns % 3600e9 === 0 ? `${composeReading.ns / 3600e9}h` : undefined;
      ctx.report({
        at: flag.valueRange!,
        message: `The build fails: ${problem.error} (--${flag.name}). Write a number with a unit, such as 30s, 1m30s or 500ms (units: ${UNITS.go}; no d or w in a Dockerfile).`,
        fixes: hours ? [fix(`Write ${hours}`, [replace(flag.valueRange!, hours)])] : undefined,
      });
    }
  },
};
