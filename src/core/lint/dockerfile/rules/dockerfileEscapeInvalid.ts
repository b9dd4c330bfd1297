import { fix, replace } from '../../support/textEdits';
import type { DockerfileRule } from '../rule';

/**
 * parser.go setEscapeToken: an `# escape=` directive other than ` or \ fails the build; directives.go
 * ParseLine: so does a second one.
 */
export const dockerfileEscapeInvalid: DockerfileRule = {
  code: 'dockerfile-escape-invalid',
  severity: 'error',
  checkDocument(ctx) {
    const repeated = ctx.model.repeatedEscape;
    if (repeated) ctx.report({ at: repeated, message: 'The build fails: only one escape parser directive can be used. Keep the first # escape= line.', fixes: [fix('Remove this directive', [replace(repeated, '')])] });
    const invalid = ctx.model.invalidEscape;
    if (!invalid) return;
    ctx.report({
      at: invalid.range,
      message: `The build fails: invalid escape token '${invalid.value}' does not match \` or \\. Write # escape=\\ (the default) or # escape=\` (common on Windows).`,
      fixes: [fix('Use \\ (the default)', [replace(invalid.range, '\\')])],
    });
  },
};
