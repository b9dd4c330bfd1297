/**
 * Compose durations, parsed the way compose-go does it (str2duration): units ns us µs μs ms s m h d w,
 * combinable (`1m30s`), sign and fractions allowed, a bare `0` allowed; anything else is an error whose
 * text matches Go's `time.ParseDuration` messages (`time: missing unit in duration "90"`). The `go`
 * grammar is `time.ParseDuration` itself, as BuildKit reads a Dockerfile HEALTHCHECK's flags
 * (frontend/dockerfile/instructions/parse.go parseOptInterval): the same without `d` and `w`.
 */
export type DurationResult = { ok: true; ns: number } | { ok: false; error: string };

const UNIT_NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86400e9,
  w: 604800e9,
};

export type DurationGrammar = 'compose' | 'go';

export function parseDuration(input: string, grammar: DurationGrammar = 'compose'): DurationResult {
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ns: 0 };
  if (s === '') return { ok: false, error: `time: invalid duration ${JSON.stringify(input)}` };
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s);
    if (!num || (num[1] === '' && (num[2] === undefined || num[2] === ''))) {
      return { ok: false, error: `time: invalid duration ${JSON.stringify(input)}` };
    }
    const value = Number(`${num[1] || '0'}.${num[2] || '0'}`);
    s = s.slice(num[0].length);
    const unitMatch = /^[^\d.]+/.exec(s);
    if (!unitMatch) return { ok: false, error: `time: missing unit in duration ${JSON.stringify(input)}` };
    const unit = unitMatch[0];
    const factor = grammar === 'go' && (unit === 'd' || unit === 'w') ? undefined : UNIT_NS[unit];
    if (factor === undefined) {
      return { ok: false, error: `time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(input)}` };
    }
    total += value * factor;
    s = s.slice(unit.length);
  }
  return { ok: true, ns: sign * Math.round(total) };
}

/** Formats nanoseconds the way Go's time.Duration.String does for whole units (30s, 1m30s, 500ms). */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let rest = Math.abs(ns);
  if (rest < 1e3) return `${neg ? '-' : ''}${rest}ns`;
  if (rest < 1e6) return `${neg ? '-' : ''}${trim(rest / 1e3)}µs`;
  if (rest < 1e9) return `${neg ? '-' : ''}${trim(rest / 1e6)}ms`;
  let out = '';
  const h = Math.floor(rest / 3600e9);
  rest -= h * 3600e9;
  const m = Math.floor(rest / 60e9);
  rest -= m * 60e9;
  if (h) out += `${h}h`;
  if (h || m) out += `${m}m`;
  out += `${trim(rest / 1e9)}s`;
  return (neg ? '-' : '') + out;
}

function trim(n: number): string {
  return String(Number(n.toFixed(9)));
}
