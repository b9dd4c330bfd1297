import { isScalar, type Node } from 'yaml';
import type { Range } from '../../compose/range';

export { fix, flowList, insert, nthMatch, replace, shellJoin } from './textEdits';

/** The written extent of a node, without the trailing line break a block collection's range includes. */
export function writtenRange(text: string, node: Node): Range {
  const [start, end] = node.range ?? [0, 0];
  return { start, end: start + text.slice(start, end).trimEnd().length };
}

/** A new item written in the quoting style of a neighbour, so the fix reads like the user's own list. */
export function quoteLike(neighbour: Node | null | undefined, value: string): string {
  if (isScalar(neighbour) && neighbour.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (isScalar(neighbour) && neighbour.type === 'PLAIN' && /^[\w./:@%+=-]+$/.test(value) && !/^[-?:]\s/.test(value)) return value;
  return JSON.stringify(value);
}

