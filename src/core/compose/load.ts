import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { parseDuration } from './duration';
import type { HealthcheckSpec } from './healthcheckSpec';
import type { ComposeModel, HealthcheckEntry, LoadOptions, ServiceEntry } from './model';
import type { Range } from './range';

// Minimal loader so that every capability has the model to build on; the diagnostics work replaces it
// with the full model (interpolation, merge keys, extends, override files) behind the same API.
export function loadCompose(text: string, options: LoadOptions = {}): ComposeModel {
  const doc = parseDocument(text, { merge: true, uniqueKeys: false });
  const model: ComposeModel = { fileName: options.fileName ?? '', services: [] };
  const root = doc.contents;
  if (!isMap(root)) return model;
  const name = root.get('name');
  if (typeof name === 'string') model.name = name;
  const services = root.get('services', true);
  if (!isMap(services)) return model;
  for (const pair of services.items) {
    if (!isScalar(pair.key)) continue;
    const entry: ServiceEntry = { name: String(pair.key.value), keyRange: rangeOf(pair.key) };
    const value = pair.value;
    if (isMap(value)) {
      const image = value.get('image');
      if (typeof image === 'string') entry.image = image;
      const hcPair = value.items.find((p) => isScalar(p.key) && p.key.value === 'healthcheck');
      if (hcPair && isScalar(hcPair.key) && isMap(hcPair.value)) {
        entry.healthcheck = healthcheckOf(hcPair.key, hcPair.value);
      }
    }
    model.services.push(entry);
  }
  return model;
}

function healthcheckOf(key: Node, value: Node): HealthcheckEntry {
  const js = (value as { toJSON(): unknown }).toJSON() as Record<string, unknown>;
  const spec: HealthcheckSpec = {};
  const test = js.test;
  if (typeof test === 'string') spec.test = ['CMD-SHELL', test];
  else if (Array.isArray(test)) spec.test = test.map(String);
  if (js.disable === true) spec.test = ['NONE'];
  const durations = { interval: 'intervalNs', timeout: 'timeoutNs', start_period: 'startPeriodNs', start_interval: 'startIntervalNs' } as const;
  for (const [k, field] of Object.entries(durations)) {
    const raw = js[k];
    if (typeof raw === 'string') {
      const d = parseDuration(raw);
      if (d.ok) spec[field] = d.ns;
    }
  }
  if (js.retries !== undefined && Number.isInteger(Number(js.retries))) spec.retries = Number(js.retries);
  const entry: HealthcheckEntry = { keyRange: rangeOf(key), range: rangeOf(value), spec };
  if (isMap(value)) {
    const testNode = value.get('test', true);
    if (testNode && (isScalar(testNode) || isSeq(testNode))) entry.testRange = rangeOf(testNode as Node);
  }
  return entry;
}

function rangeOf(node: Node): Range {
  const r = node.range ?? [0, 0, 0];
  return { start: r[0], end: r[1] };
}
