import type { Rule } from '../rule';

/** compose-go `template.go`: a `${` that starts no valid substitution makes the whole file invalid. */
export const interpolationFormat: Rule = {
  code: 'interpolation-format',
  severity: 'error',
  checkDocument(ctx) {
    for (const error of ctx.analysis.interpolationErrors) {
      ctx.report({
        at: error.range,
        message:
          `Compose rejects the file: invalid interpolation format${error.path ? ` for ${error.path}` : ''} ("${error.text}"). "\${" must start \${VAR}, ` +
          '${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alt} or ${VAR+alt}; write "$${" for a literal "${" (e.g. $${VAR} for the container\'s shell).',
      });
    }
  },
};
