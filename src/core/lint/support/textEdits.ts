import type { Range } from '../../compose/range';
import type { Fix, TextEdit } from '../types';

/** Text edits and fixes as offsets: what every rule builds its quick fixes from, without the YAML parser (the Dockerfile rules use them too). */
export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

export function insert(offset: number, newText: string): TextEdit {
  return { range: { start: offset, end: offset }, newText };
}

export function fix(title: string, edits: TextEdit[], preferred = true): Fix {
  return { title, edits, preferred };
}

/** A YAML flow sequence of strings, double-quoted (a JSON string is a valid YAML double-quoted scalar). */
export function flowList(items: string[]): string {
  return `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
}

/**
 * Joins argv items into one shell command line as the author meant it: items are kept verbatim (so `||`
 * stays an operator and `$$VAR` stays for the container's shell); the first item is the command as
 * written, a later item with whitespace is single-quoted so it stays one argument.
 */
export function shellJoin(items: string[]): string {
  return items.map((item, i) => (i > 0 && /\s/.test(item) && !/^'.*'$/.test(item) ? `'${item.replace(/'/g, `'\\''`)}'` : item)).join(' ');
}

/** Offsets in `source` of the `occurrence`-th (0-based) match of `pattern` (global regex), if any. */
export function nthMatch(source: string, pattern: RegExp, occurrence: number): RegExpExecArray | undefined {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let match: RegExpExecArray | null;
  let n = 0;
  while ((match = re.exec(source))) {
    if (n++ === occurrence) return match;
    if (match[0] === '') re.lastIndex++;
  }
  return undefined;
}
