import { isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Pair, type YAMLMap } from 'yaml';
import type { ComposeHealthcheck } from './suggest';

export type EditResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * Writes `healthcheck` into `service` of a compose file's text and returns the new text: replaces the
 * service's `healthcheck:` entry when it has one, else adds one after its last key. Only those lines
 * change; the rest of the file, its comments, indentation and line endings stay as they are. Located
 * with the `yaml` package's Document API (node ranges), written in the file's own indentation step and
 * the quote character it uses most; the result is parsed again and must read back as `healthcheck`.
 */
export function applyHealthcheck(text: string, service: string, healthcheck: ComposeHealthcheck): EditResult {
  const found = findService(text, service);
  if (!found.ok) return found;
  const { doc, serviceKey, serviceMap } = found;
  if (serviceMap.flow) {
    return { ok: false, message: `Service "${service}" is written in flow style ({ … }); add the healthcheck by hand or rewrite the service as a block mapping.` };
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const keyColumn = column(text, rangeStart(serviceMap.items[0].key));
  const step = Math.max(1, keyColumn - column(text, rangeStart(serviceKey)));
  const quote = preferredQuote(doc);
  const lines = renderHealthcheck(healthcheck, ' '.repeat(keyColumn), ' '.repeat(step), quote);
  const existing = serviceMap.items.find((p) => isScalar(p.key) && p.key.value === 'healthcheck');
  let next: string;
  if (existing) {
    const start = rangeStart(existing.key);
    const end = lineEnd(text, contentEnd(text, existing.value ? rangeEnd(existing.value) : rangeEnd(existing.key)));
    next = text.slice(0, start) + lines.join(eol).trimStart() + text.slice(end);
  } else {
    const last = serviceMap.items[serviceMap.items.length - 1];
    const end = lineEnd(text, contentEnd(text, last.value ? rangeEnd(last.value) : rangeEnd(last.key)));
    const before = text.slice(0, end);
    next = before + eol + lines.join(eol) + text.slice(end);
  }
  const check = findService(next, service);
  const written = check.ok ? (check.serviceMap.get('healthcheck', true) as { toJSON?: () => unknown } | undefined)?.toJSON?.() : undefined;
  if (JSON.stringify(written) !== JSON.stringify(healthcheck)) {
    return { ok: false, message: `Writing the healthcheck into "${service}" did not give back the same healthcheck; the file was left unchanged. Please report this with the file.` };
  }
  return { ok: true, text: next };
}

type Found = { ok: true; doc: Document; serviceKey: Pair['key']; serviceMap: YAMLMap } | { ok: false; message: string };

/** The mapping of `services.<service>` in the first YAML document that has it. */
function findService(text: string, service: string): Found {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return { ok: false, message: 'The file is empty.' };
  for (const doc of docs) {
    if (doc.errors.length > 0) return { ok: false, message: `The file is not valid YAML (${doc.errors[0].message.split('\n')[0]}); fix that first.` };
    const services = doc.get('services', true);
    if (!isMap(services)) continue;
    const pair = services.items.find((p) => isScalar(p.key) && p.key.value === service);
    if (!pair) continue;
    if (!isMap(pair.value) || pair.value.items.length === 0) {
      return { ok: false, message: `Service "${service}" has no mapping of keys to add a healthcheck to (write at least its image first).` };
    }
    return { ok: true, doc, serviceKey: pair.key, serviceMap: pair.value };
  }
  return { ok: false, message: `The file defines no service "${service}" under services:.` };
}

function renderHealthcheck(hc: ComposeHealthcheck, indent: string, step: string, quote: '"' | "'"): string[] {
  const q = (s: string): string => (quote === '"' ? JSON.stringify(s) : `'${s.replace(/'/g, "''")}'`);
  const inner = indent + step;
  const lines = [`${indent}healthcheck:`, `${inner}test: [${hc.test.map(q).join(', ')}]`];
  lines.push(`${inner}interval: ${hc.interval}`, `${inner}timeout: ${hc.timeout}`, `${inner}retries: ${hc.retries}`, `${inner}start_period: ${hc.start_period}`);
  if (hc.start_interval) lines.push(`${inner}start_interval: ${hc.start_interval}`);
  return lines;
}

/** The quote character the file uses most for its quoted strings (double when it has none). */
function preferredQuote(doc: Document): '"' | "'" {
  let single = 0;
  let double = 0;
  visit(doc, {
    Scalar(_, node) {
      if (node.type === 'QUOTE_SINGLE') single++;
      if (node.type === 'QUOTE_DOUBLE') double++;
    },
  });
  return single > double ? "'" : '"';
}

function rangeStart(node: unknown): number {
  return (node as { range?: [number, number, number] }).range?.[0] ?? 0;
}

function rangeEnd(node: unknown): number {
  return (node as { range?: [number, number, number] }).range?.[1] ?? 0;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Back from `end` over whitespace and line breaks to just after the last character of content. */
function contentEnd(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/** The end of the line `offset` is on (before its line break), so a trailing comment stays on its line. */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/**
 * Container-side TCP ports a service declares: `ports` (short `[IP:][HOST:]CONTAINER[/PROTO]` or long
 * `{target}`) and `expose`. Ranges are left out; they are the fallback when /proc/net cannot be read.
 */
export function declaredServicePorts(text: string, service: string): number[] {
  const found = findService(text, service);
  if (!found.ok) return [];
  const ports = new Set<number>();
  const add = (value: unknown): void => {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) ports.add(value);
    if (typeof value !== 'string') return;
    const [spec, proto] = value.split('/');
    if (proto && proto !== 'tcp') return;
    const target = spec.split(':').pop() ?? '';
    if (/^\d+$/.test(target) && Number(target) > 0) ports.add(Number(target));
  };
  for (const key of ['ports', 'expose']) {
    const list = found.serviceMap.get(key, true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (isScalar(item)) add(item.value);
      else if (isMap(item)) {
        const protocol = item.get('protocol');
        if (protocol === undefined || protocol === 'tcp') add(item.get('target'));
      }
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/**
 * Whether this file defines the service rather than only mentioning it (an override that changes a
 * key or two): it gives the service an `image`, a `build` or an `extends`.
 */
export function definesService(text: string, service: string): boolean {
  const found = findService(text, service);
  return found.ok && ['image', 'build', 'extends'].some((key) => found.serviceMap.has(key));
}
