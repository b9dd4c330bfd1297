import type { DockerfileRule } from '../rule';

/**
 * parse.go parseHealthcheck: a bare `HEALTHCHECK` fails with "HEALTHCHECK requires at least one
 * argument"; `HEALTHCHECK CMD` with nothing after it, or an empty JSON array, with "Missing command
 * after HEALTHCHECK CMD".
 */
export const healthcheckMissingCommand: DockerfileRule = {
  code: 'healthcheck-missing-command',
  severity: 'error',
  checkHealthcheck(hc, _stage, ctx) {
    if (!hc.type) {
      ctx.report({ at: hc.keyword, message: 'The build fails: HEALTHCHECK requires at least one argument. Write HEALTHCHECK CMD <command>, or HEALTHCHECK NONE to turn the base image\'s check off.' });
      return;
    }
    if (hc.typeName !== 'CMD') return;
    if (hc.command && !(hc.command.form === 'exec' && hc.command.items.length === 0)) return;
    ctx.report({ at: hc.command?.range ?? hc.type.range, message: 'The build fails: Missing command after HEALTHCHECK CMD. Write the command to run, such as HEALTHCHECK CMD curl -f http://localhost/ || exit 1.' });
  },
};
