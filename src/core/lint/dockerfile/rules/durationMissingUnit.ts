import { UNITS } from '../../checks/durations';
import { fix, insert } from '../../support/textEdits';
import { DURATION_FLAGS, flagDurationProblem, readFlags } from '../flags';
import type { DockerfileRule } from '../rule';

/** parse.go parseOptInterval: `--interval=30` fails the build with Go's `time: missing unit in duration "30"`. */
export const durationMissingUnit: DockerfileRule = {
  code: 'duration-missing-unit',
  severity: 'error',
  checkHealthcheck(hc, _stage, ctx) {
    for (const flag of readFlags(hc, DURATION_FLAGS)) {
      const value = flag.value!;
      if (flagDurationProblem(flag)?.kind !== 'missing-unit') continue;
      ctx.report({
        at: flag.valueRange!,
        message: `The build fails: time: missing unit in duration "${value}" (--${flag.name}). Durations need a unit: write ${value}s for seconds (units: ${UNITS.go}).`,
        fixes: [fix(`Add the unit: ${value}s`, [insert(flag.valueRange!.end, 's')])],
      });
    }
  },
};
