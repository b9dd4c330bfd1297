import { fix, replace } from '../../support/textEdits';
import type { DockerfileRule } from '../rule';

/**
 * Only the last HEALTHCHECK of a stage counts: BuildKit's dispatchHealthcheck (dockerfile2llb/convert.go)
 * replaces the image's whole healthcheck config each time, and its linter says so
 * (MultipleInstructionsDisallowed, reported on the earlier instruction, as here).
 */
export const healthcheckOverridden: DockerfileRule = {
  code: 'healthcheck-overridden',
  severity: 'warning',
  checkHealthcheck(hc, stage, ctx) {
    const last = stage.healthchecks[stage.healthchecks.length - 1];
    if (hc === last) return;
    // The instruction with its line break, so removing it leaves no blank line.
    const end = ctx.text[hc.range.end] === '\r' ? hc.range.end + 2 : ctx.text[hc.range.end] === '\n' ? hc.range.end + 1 : hc.range.end;
    ctx.report({
      at: hc.keyword,
      message: `Multiple HEALTHCHECK instructions should not be used in the same stage because only the last one will be used: the one on line ${ctx.lineOf(last.range.start)} replaces this one entirely (its flags too), so this check never runs.`,
      fixes: [fix('Remove this HEALTHCHECK', [replace({ start: hc.range.start, end }, '')])],
    });
  },
};
