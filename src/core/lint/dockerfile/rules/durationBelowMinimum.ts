import { DURATION_FLAGS, flagDurationProblem, readFlags } from '../flags';
import type { DockerfileRule } from '../rule';

/** parse.go parseOptInterval: a non-zero duration below 1ms (negative too) fails the build. */
export const durationBelowMinimum: DockerfileRule = {
  code: 'duration-below-minimum',
  severity: 'error',
  checkHealthcheck(hc, _stage, ctx) {
    for (const flag of readFlags(hc, DURATION_FLAGS)) {
      if (flagDurationProblem(flag)?.kind !== 'below-minimum') continue;
      ctx.report({
        at: flag.valueRange!,
        message: `The build fails: Interval "${flag.name}" cannot be less than 1ms (${flag.value}). Use at least 1ms; leave the flag out for the default.`,
      });
    }
  },
};
