import type { Rule } from '../rule';

/** YAML the parser cannot read: Compose stops with the same kind of error (go-yaml v3). */
export const yamlSyntax: Rule = {
  code: 'yaml-syntax',
  severity: 'error',
  checkDocument(ctx) {
    for (const error of ctx.analysis.doc?.errors ?? []) {
      const [start, end] = error.pos;
      const message = error.message.split('\n')[0];
      ctx.report({ at: { start, end: Math.max(start, end) }, message: `Compose cannot read this file: ${message}. Fix the YAML here.` });
    }
    for (const alias of ctx.analysis.index?.unknownAliases ?? []) {
      ctx.report({ at: alias, message: `Compose cannot read this file: unknown anchor '${alias.source}' referenced. Define \`&${alias.source}\` before this alias, or fix the name.` });
    }
  },
};
