import type { DockerfileRule } from '../rule';

/** line_parsers.go parseJSON: a JSON array with an item that is not a string fails the build. */
export const healthcheckJsonNotStrings: DockerfileRule = {
  code: 'healthcheck-json-not-strings',
  severity: 'error',
  checkHealthcheck(hc, _stage, ctx) {
    if (hc.command?.form !== 'not-strings') return;
    ctx.report({
      at: hc.command.range,
      message: 'The build fails: when using JSON array syntax, arrays must be comprised of strings only. Quote every item, numbers too ("3", not 3).',
    });
  },
};
