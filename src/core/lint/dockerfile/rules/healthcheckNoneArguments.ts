import { fix, replace } from '../../support/textEdits';
import type { DockerfileRule } from '../rule';

/** parse.go parseHealthcheck: `HEALTHCHECK NONE takes no arguments` fails the build. */
export const healthcheckNoneArguments: DockerfileRule = {
  code: 'healthcheck-none-arguments',
  severity: 'error',
  checkHealthcheck(hc, _stage, ctx) {
    if (hc.typeName !== 'NONE' || !hc.type || !hc.command) return;
    ctx.report({
      at: hc.command.range,
      message: 'The build fails: HEALTHCHECK NONE takes no arguments. NONE turns off the check the base image has; to run a check write HEALTHCHECK CMD … instead.',
      fixes: [fix('Remove the arguments', [replace({ start: hc.type.range.end, end: hc.command.range.end }, '')])],
    });
  },
};
