import type { Rule } from '../rule';

/** YAML the parser cannot read: Compose stops with the same kind of error (go-yaml v3). */
export const yamlSyntax: Rule = {
  code: 'yaml-syntax',
  severity: 'error',
  checkDocument(ctx) {
    for (const error of ctx.analysis.documents.flatMap((doc) => doc.errors)) {
      const [start, end] = error.pos;
      const message = error.message.split('\n')[0];
      // yaml points at the first character of a duplicate key; report the whole key, named as go-yaml does.
      const key = error.code === 'DUPLICATE_KEY' ? /^("[^"\n]*"|'[^'\n]*'|[^:\n]*?)\s*:/.exec(ctx.text.slice(start, start + 1024))?.[1] : undefined;
      ctx.report({
        at: { start, end: key ? start + key.length : Math.max(start, end) },
        message: key
          ? `Compose cannot read this file: mapping key ${key.startsWith('"') ? key : `"${key}"`} is already defined in this mapping (go-yaml rejects duplicate keys). Remove or merge one of them.`
          : `Compose cannot read this file: ${message}. Fix the YAML here.`,
      });
    }
    for (const alias of ctx.analysis.index?.unknownAliases ?? []) {
      ctx.report({ at: alias, message: `Compose cannot read this file: unknown anchor '${alias.source}' referenced. Define \`&${alias.source}\` before this alias, or fix the name.` });
    }
  },
};
