import type { Problem } from '../problems';

/** ONE JSON array, so scripts can `JSON.parse` the whole output. */
export function formatJson(problems: readonly Problem[]): string {
  const rows = problems.map(({ file, line, column, endLine, endColumn, severity, code, message }) => ({
    file, line, column, endLine, endColumn, severity, code, message,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
