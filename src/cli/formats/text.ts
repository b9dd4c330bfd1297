import type { Problem } from '../problems';

/**
 * `file:line:col: severity code: message` (the shape compilers use, so terminals and editors link it), one
 * line per problem: a multi-line message (a YAML error quotes the source) keeps its first line here; the
 * json and sarif formats carry it whole.
 */
export function formatText(problems: readonly Problem[], fileCount: number): string {
  const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${p.message.split('\n')[0].trim()}`);
  const count = (severity: Problem['severity']) => problems.filter((p) => p.severity === severity).length;
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  lines.push(
    problems.length === 0
      ? `No problems in ${files}.`
      : `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info')} in ${files}.`,
  );
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}
