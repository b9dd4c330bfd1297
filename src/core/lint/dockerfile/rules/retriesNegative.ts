import { negativeRetries } from '../../checks/durations';
import { readFlags } from '../flags';
import type { DockerfileRule } from '../rule';

/** parse.go parseHealthcheck: `--retries cannot be negative (-1)` fails the build. */
export const retriesNegative: DockerfileRule = {
  code: 'retries-negative',
  severity: 'error',
  checkHealthcheck(hc, _stage, ctx) {
    for (const flag of readFlags(hc, ['retries'])) {
      const negative = negativeRetries(flag.value!);
      if (negative === undefined || !/^-\d+$/.test(flag.value!)) continue;
      ctx.report({ at: flag.valueRange!, message: `The build fails: --retries cannot be negative (${negative}). Use a positive number such as 3.` });
    }
  },
};
