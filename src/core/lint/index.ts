import { parseDocument } from 'yaml';
import type { Finding, LintOptions } from './types';

export * from './types';

// Placeholder until the rules land: reports YAML syntax errors only.
export function lintText(text: string, _options: LintOptions = {}): Finding[] {
  const doc = parseDocument(text);
  return doc.errors.map((e) => ({
    code: 'yaml-syntax',
    severity: 'error' as const,
    message: e.message,
    range: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) },
  }));
}
