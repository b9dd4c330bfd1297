/**
 * Compose variable interpolation, mirroring compose-go `template/template.go` (v1.6+, the parser of
 * docker compose v2): `$$` is a literal `$`; `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
 * `${NAME:?err}`, `${NAME?err}`, `${NAME:+alt}`, `${NAME+alt}` (defaults may nest `${…}`). A `${` that
 * starts none of these (`${A:=b}`, `${ A}`, `${}`, an unclosed `${`) makes Compose reject the file with
 * `invalid interpolation format`. Any other `$` (`$(date)`, `$1`, a trailing `$`) is kept literally: its
 * pattern puts the `invalid` group inside the braces (compose-go #307, 2022; docker-compose 1.x rejected
 * those too).
 */
export type Lookup = (name: string) => string | undefined;

export interface Interpolated {
  value: string;
  /** Variables read without a value and without a default that applied: their result is unknown here. */
  readonly unresolved: readonly string[];
  /** Every variable referenced (braced or not), in order. */
  readonly references: readonly VariableReference[];
  /** The first invalid `$` construct, as offsets into the template. */
  error?: { start: number; end: number; text: string };
}

export interface VariableReference {
  name: string;
  /** Offsets of the whole `$NAME` / `${…}` in the template. */
  start: number;
  end: number;
  /** True when a default/alternative/required operator is given (`${A:-x}`): written on purpose. */
  hasOperator: boolean;
}

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;
// compose-go substitutionBraced: [_a-z][_a-z0-9]*(?::?[-+?](.*}|[^}]*))?  (case-insensitive)
const BRACED = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-+?])([\s\S]*))?$/;

const NONE: readonly never[] = Object.freeze([]);

/** What `substitute` collects while it walks a template. */
interface Collected {
  unresolved: string[];
  references: VariableReference[];
  error?: Interpolated['error'];
}

export function interpolate(template: string, lookup: Lookup): Interpolated {
  // Fast path, allocation-free: most scalars have no `$` at all.
  if (template.indexOf('$') < 0) return { value: template, unresolved: NONE, references: NONE };
  const out: Collected = { unresolved: [], references: [] };
  const value = substitute(template, 0, lookup, out);
  return { value, ...out };
}

/** The plain text of a non-string scalar (a number, a boolean), as Compose reads it. */
export function literal(value: string): Interpolated {
  return { value, unresolved: NONE, references: NONE };
}

function substitute(s: string, base: number, lookup: Lookup, out: Collected): string {
  let value = '';
  let i = 0;
  while (i < s.length) {
    const dollar = s.indexOf('$', i);
    if (dollar < 0) {
      value += s.slice(i);
      break;
    }
    value += s.slice(i, dollar);
    const next = s[dollar + 1];
    if (next === '$') {
      value += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2;
      while (end < s.length && NAME_CHAR.test(s[end])) end++;
      const name = s.slice(dollar + 1, end);
      out.references.push({ name, start: base + dollar, end: base + end, hasOperator: false });
      value += read(name, lookup, out);
      i = end;
      continue;
    }
    if (next === '{') {
      const close = closingBrace(s, dollar + 2);
      const match = close < 0 ? null : BRACED.exec(s.slice(dollar + 2, close));
      if (!match) {
        fail(out, base, dollar, close < 0 ? s.length : close + 1, s);
        return value;
      }
      const [, name, op, arg = ''] = match;
      out.references.push({ name, start: base + dollar, end: base + close + 1, hasOperator: op !== undefined });
      value += braced(name, op, arg, base + dollar + 2 + name.length + (op?.length ?? 0), lookup, out);
      i = close + 1;
      continue;
    }
    value += '$';
    i = dollar + 1;
  }
  return value;
}

function braced(name: string, op: string | undefined, arg: string, argBase: number, lookup: Lookup, out: Collected): string {
  if (op === undefined) return read(name, lookup, out);
  // The argument is itself a template (nested defaults); its errors count even when unused.
  const argValue = substitute(arg, argBase, lookup, out);
  const current = lookup(name);
  switch (op) {
    case ':-':
      return current === undefined || current === '' ? argValue : current;
    case '-':
      return current === undefined ? argValue : current;
    case ':+':
      return current !== undefined && current !== '' ? argValue : current ?? '';
    case '+':
      return current !== undefined ? argValue : '';
    default:
      // `:?` / `?`: Compose stops with the message when unset; here the environment is not the
      // deployment's, so the value is just unknown.
      if (current === undefined) out.unresolved.push(name);
      return current ?? '';
  }
}

function read(name: string, lookup: Lookup, out: Collected): string {
  const value = lookup(name);
  if (value === undefined) out.unresolved.push(name);
  return value ?? '';
}

/** Index of the `}` closing a `${` whose body starts at `from`, counting nested `${`; -1 if none. */
function closingBrace(s: string, from: number): number {
  let depth = 1;
  for (let j = from; j < s.length; j++) {
    if (s[j] === '$' && s[j + 1] === '{') {
      depth++;
      j++;
    } else if (s[j] === '}' && --depth === 0) {
      return j;
    }
  }
  return -1;
}

function fail(out: Collected, base: number, start: number, end: number, s: string): void {
  if (!out.error) out.error = { start: base + start, end: base + end, text: s.slice(start, end) };
}
