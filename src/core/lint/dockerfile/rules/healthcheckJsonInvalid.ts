import type { DockerfileRule } from '../rule';

/**
 * line_parsers.go parseMaybeJSON: a command that starts with `[` but is not valid JSON (single quotes, a
 * missing comma or `]`) is not an error: BuildKit takes it as the shell form, so the engine runs
 * `/bin/sh -c '["curl", ...'`, whose first word is not a program: every probe fails.
 */
export const healthcheckJsonInvalid: DockerfileRule = {
  code: 'healthcheck-json-invalid',
  severity: 'warning',
  checkHealthcheck(hc, _stage, ctx) {
    const command = hc.command;
    if (hc.typeName !== 'CMD' || command?.form !== 'shell' || command.jsonError === undefined) return;
    ctx.report({
      at: command.range,
      message: `This looks like the exec form but is not valid JSON (${command.jsonError.split(',')[0]}), so BuildKit runs it as a shell command: /bin/sh -c '${command.script}' cannot run, and every probe fails. Use double quotes, commas between items and a closing ], e.g. ["curl", "-f", "http://localhost/"].`,
    });
  },
};
