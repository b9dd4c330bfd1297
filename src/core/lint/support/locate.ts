import type { Scalar } from 'yaml';
import type { Range } from '../../compose/range';
import { nthMatch } from './edits';

/**
 * Maps a match in a scalar's value back to the source: the value and the written text differ by quoting
 * and escapes, but the k-th `curl` word of the value is the k-th `curl` word of the source. Returns the
 * source range of that match, or undefined when the source reads differently (then report the node).
 */
export function locateInSource(text: string, node: Scalar, value: string, valueOffset: number, pattern: RegExp): Range | undefined {
  const global = new RegExp(pattern.source, 'g');
  let occurrence = 0;
  let match: RegExpExecArray | null;
  while ((match = global.exec(value)) && match.index < valueOffset) occurrence++;
  const [start, end] = node.range ?? [0, 0];
  const found = nthMatch(text.slice(start, end), pattern, occurrence);
  return found ? { start: start + found.index, end: start + found.index + found[0].length } : undefined;
}
