import { fix, replace } from '../../support/textEdits';
import { meantType } from '../../support/testTypes';
import type { DockerfileRule } from '../rule';

/**
 * parse.go parseHealthcheck: the word after the flags must be CMD or NONE (any case); anything else fails
 * with `Unknown type "X" in HEALTHCHECK (try CMD)`. `CMD-SHELL` is a compose and Engine API type, not a
 * Dockerfile one: the Dockerfile's shell form (`HEALTHCHECK CMD curl …`) is what becomes CMD-SHELL.
 */
export const healthcheckUnknownType: DockerfileRule = {
  code: 'healthcheck-unknown-type',
  severity: 'error',
  checkHealthcheck(hc, _stage, ctx) {
    const type = hc.type;
    if (!type) return;
    const upper = hc.typeName ?? '';
    if (upper === 'CMD' || upper === 'NONE') return;
    const meant = meantType(type.text);
    const shellType = meant === 'CMD-SHELL';
    // CMD-SHELL's command is a shell script: CMD with the shell form runs it the same way; with a JSON
    // array the items would be an argv instead, so no fix is offered there.
    const fixable = (meant === 'CMD' || (shellType && hc.command?.form === 'shell')) && hc.command !== undefined;
    const hint = shellType
      ? ' CMD-SHELL is a compose and Engine API type: in a Dockerfile the shell form HEALTHCHECK CMD <command> is what runs through the shell.'
      : ' Write CMD <command>, or NONE.';
    ctx.report({
      at: type.range,
      message: `The build fails: Unknown type ${JSON.stringify(upper)} in HEALTHCHECK (try CMD).${hint}`,
      fixes: fixable ? [fix('Change to CMD', [replace(type.range, 'CMD')])] : undefined,
    });
  },
};
