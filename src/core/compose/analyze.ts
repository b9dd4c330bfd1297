import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { parseDotEnv } from './dotenv';
import type { HealthcheckSpec } from './healthcheckSpec';
import { interpolate, type Interpolated, type Lookup } from './interpolate';
import { DEFAULT_LIMITS, type Limits } from './limits';
import type { LoadOptions } from './model';
import { baseFilesOf, dotEnvPathOf, isOverrideFile, resolveBeside } from './project';
import type { Range } from './range';
import { specOf } from './spec';
import { YamlIndex, rangeOf, type Entry, type InterpolationError, type Via } from './yamlIndex';

export type { Entry, Via } from './yamlIndex';

export interface HealthcheckView {
  /** The `healthcheck` key of the service (after merges / extends / base file). */
  entry: Entry;
  /** The healthcheck mapping, when the value is one. */
  map: YAMLMap | null;
  /** Its keys after merge keys, `extends` and the base file (later sources fill missing keys only). */
  entries: Map<string, Entry>;
  spec: HealthcheckSpec;
}

export interface DependencyView {
  /** The service name after interpolation. */
  name: string;
  /** False when the name uses a variable that is not set here: which service it means is unknown. */
  known: boolean;
  /** The service name as written (list item or mapping key). */
  node: Node;
  condition?: string;
  conditionNode?: Node;
  via?: Via;
  foreign?: string;
}

export interface ServiceView {
  name: string;
  keyNode: Scalar;
  /** The service's value (aliases followed). */
  node: Node | null;
  via?: Via;
  foreign?: string;
  entries: Map<string, Entry>;
  healthcheck?: HealthcheckView;
  dependsOn: DependencyView[];
  /** Variables the container gets from `environment:` (raw YAML values, before interpolation). */
  environment: Map<string, string | undefined>;
}

export interface LimitHit {
  range: Range;
  message: string;
}

/** Everything the model and the rules need from one parse of one document. */
export interface ComposeAnalysis {
  text: string;
  fileName: string;
  /** Undefined when a limit stopped the parse. */
  doc?: Document;
  index?: YamlIndex;
  /** The top-level node (aliases followed). */
  root: Node | null;
  lookup: Lookup;
  services: ServiceView[];
  /** Every service of the project (this file merged over its base files), by name. */
  projectServices: Map<string, ServiceView>;
  /** True for an override or a file whose base files could not be read: other services may exist. */
  partial: boolean;
  interpolationErrors: InterpolationError[];
  limitHits: LimitHit[];
  limits: Limits;
  interpolate(node: Node | null): Interpolated | undefined;
}

const MAX_EXTENDS_DEPTH = 10;

export function analyzeCompose(text: string, options: LoadOptions = {}): ComposeAnalysis {
  const fileName = options.fileName ?? '';
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const lookup = environmentOf(fileName, options);
  const analysis: ComposeAnalysis = {
    text,
    fileName,
    root: null,
    lookup,
    services: [],
    projectServices: new Map(),
    partial: isOverrideFile(fileName),
    interpolationErrors: [],
    limitHits: [],
    limits,
    interpolate: (node) => interpolateNode(node, lookup),
  };
  if (text.length > limits.maxChars) {
    analysis.limitHits.push({
      range: { start: 0, end: 0 },
      message: `This file is ${Math.round(text.length / 1024)} KB, above the ${Math.round(limits.maxChars / 1024)} KB limit for checking; it was not checked. Split it, or check it with the CLI and a higher limit.`,
    });
    return analysis;
  }
  const doc = parseDocument(text, { merge: true, prettyErrors: false });
  const index = new YamlIndex(doc, text, limits.maxAliasResolutions);
  analysis.doc = doc;
  analysis.index = index;
  analysis.interpolationErrors = index.interpolationErrors;
  analysis.root = index.deref(doc.contents);
  analysis.services = servicesOf(index, analysis.root, lookup);

  const bases = readBases(fileName, lookup, options, limits);
  const included = readIncludes(index, analysis.root, fileName, lookup, options, limits);
  if (bases.missing || included.missing) analysis.partial = true;
  for (const other of [...included.services, ...bases.services]) analysis.projectServices.set(other.name, other);
  const ownByName = new Map(analysis.services.map((s) => [s.name, s]));
  for (const service of analysis.services) {
    applyExtends(service, ownByName, fileName, lookup, options, limits, 0);
    const base = analysis.projectServices.get(service.name);
    if (base) inheritHealthcheck(service, base);
    analysis.projectServices.set(service.name, service);
  }
  for (const service of analysis.services) {
    if (service.healthcheck) service.healthcheck.spec = specOf(service.healthcheck.entries, lookup);
  }
  if (index.aliasLimitHit) {
    analysis.limitHits.push({
      range: index.aliasLimitHit,
      message: `More than ${limits.maxAliasResolutions} alias or merge-key uses were followed (an alias bomb?); services past this point were not fully checked.`,
    });
  }
  return analysis;
}

function environmentOf(fileName: string, options: LoadOptions): Lookup {
  const dotEnvPath = dotEnvPathOf(fileName);
  const dotEnvText = dotEnvPath ? safeRead(options, dotEnvPath) : undefined;
  const dotEnv = dotEnvText ? parseDotEnv(dotEnvText) : {};
  const env = options.env ?? {};
  // The process environment wins over `.env` (docker compose: shell > .env).
  return (name) => {
    const fromEnv = Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined;
    if (fromEnv !== undefined) return fromEnv;
    return Object.prototype.hasOwnProperty.call(dotEnv, name) ? dotEnv[name] : undefined;
  };
}

function safeRead(options: LoadOptions, filePath: string): string | undefined {
  try {
    const text = options.readFile?.(filePath);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

function interpolateNode(node: Node | null, lookup: Lookup): Interpolated | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'symbol') return undefined;
  if (typeof node.value === 'string') return interpolate(node.value, lookup);
  return { value: String(node.value), unresolved: [], references: [] };
}

function servicesOf(index: YamlIndex, root: Node | null, lookup: Lookup): ServiceView[] {
  if (!isMap(root)) return [];
  const servicesEntry = index.entries(root).get('services');
  if (!servicesEntry || !isMap(servicesEntry.value)) return [];
  const services: ServiceView[] = [];
  for (const [name, entry] of index.entries(servicesEntry.value)) {
    services.push(serviceOf(index, name, entry, lookup));
  }
  return services;
}

function serviceOf(index: YamlIndex, name: string, entry: Entry, lookup: Lookup): ServiceView {
  const node = entry.value;
  const entries = isMap(node) ? withVia(index.entries(node), entry) : new Map<string, Entry>();
  const service: ServiceView = {
    name,
    keyNode: entry.keyNode,
    node,
    via: entry.via,
    foreign: entry.foreign,
    entries,
    dependsOn: dependenciesOf(index, entries.get('depends_on'), lookup),
    environment: environmentOfService(index, entries.get('environment')),
  };
  const hc = entries.get('healthcheck');
  if (hc) {
    const map = isMap(hc.value) ? hc.value : null;
    const hcEntries = map ? withVia(index.entries(map), hc) : new Map<string, Entry>();
    service.healthcheck = { entry: hc, map, entries: hcEntries, spec: specOf(hcEntries, lookup) };
  }
  return service;
}

/** Entries reached through an outer alias/merge take the outer site: that is where the service uses them. */
function withVia(entries: Map<string, Entry>, outer: Entry): Map<string, Entry> {
  if (!outer.via && !outer.foreign) return entries;
  const result = new Map<string, Entry>();
  for (const [key, inner] of entries) {
    result.set(key, { ...inner, via: outer.via ?? inner.via, foreign: outer.foreign ?? inner.foreign });
  }
  return result;
}

function dependenciesOf(index: YamlIndex, entry: Entry | undefined, lookup: Lookup): DependencyView[] {
  if (!entry) return [];
  const deps: DependencyView[] = [];
  const named = (raw: string) => {
    const parsed = interpolate(raw, lookup);
    return { name: parsed.value, known: !parsed.error && parsed.unresolved.length === 0 };
  };
  if (isSeq(entry.value)) {
    for (const item of entry.value.items) {
      const node = index.deref(item);
      if (isScalar(node) && typeof node.value === 'string') deps.push({ ...named(node.value), node, via: entry.via, foreign: entry.foreign });
    }
  } else if (isMap(entry.value)) {
    for (const [name, dep] of withVia(index.entries(entry.value), entry)) {
      const view: DependencyView = { ...named(name), node: dep.keyNode, via: dep.via, foreign: dep.foreign };
      if (isMap(dep.value)) {
        const condition = index.entries(dep.value).get('condition');
        if (condition && isScalar(condition.value)) {
          view.condition = String(condition.value.value);
          view.conditionNode = condition.value;
        }
      }
      deps.push(view);
    }
  }
  return deps;
}

function environmentOfService(index: YamlIndex, entry: Entry | undefined): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>();
  if (!entry) return env;
  if (isMap(entry.value)) {
    for (const [name, item] of index.entries(entry.value)) {
      env.set(name, isScalar(item.value) && item.value.value !== null ? String(item.value.value) : undefined);
    }
  } else if (isSeq(entry.value)) {
    for (const item of entry.value.items) {
      const node = index.deref(item);
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const eq = node.value.indexOf('=');
      if (eq < 0) env.set(node.value, undefined);
      else env.set(node.value.slice(0, eq), node.value.slice(eq + 1));
    }
  }
  return env;
}

/** Reads and analyses the base files (override pair or COMPOSE_FILE); their nodes are foreign. */
function readBases(fileName: string, lookup: Lookup, options: LoadOptions, limits: Limits): { services: ServiceView[]; missing: boolean } {
  const services: ServiceView[] = [];
  let missing = false;
  for (const alternatives of baseFilesOf(fileName, lookup)) {
    const found = alternatives.map((file) => ({ file, text: safeRead(options, file) })).find((f) => f.text !== undefined);
    if (!found?.text || found.text.length > limits.maxChars) {
      missing = true;
      continue;
    }
    const index = new YamlIndex(parseDocument(found.text, { merge: true }), found.text, limits.maxAliasResolutions, found.file);
    for (const service of servicesOf(index, index.deref(index.doc.contents), lookup)) {
      const earlier = services.findIndex((s) => s.name === service.name);
      if (earlier >= 0) {
        inheritHealthcheck(service, services[earlier]);
        services.splice(earlier, 1);
      }
      services.push(service);
    }
  }
  return { services, missing };
}

/** Top-level `include:` (a path, or `{path: a | [a, b]}`): the included projects' services exist too. */
function readIncludes(
  index: YamlIndex,
  root: Node | null,
  fileName: string,
  lookup: Lookup,
  options: LoadOptions,
  limits: Limits,
): { services: ServiceView[]; missing: boolean } {
  const include = isMap(root) ? index.entries(root).get('include')?.value : undefined;
  if (!isSeq(include)) return { services: [], missing: false };
  const paths: string[] = [];
  const add = (node: unknown) => {
    const value = index.deref(node);
    if (isScalar(value) && typeof value.value === 'string') paths.push(interpolate(value.value, lookup).value);
    else if (isSeq(value)) value.items.forEach(add);
  };
  for (const item of include.items) {
    const node = index.deref(item);
    if (isMap(node)) add(index.entries(node).get('path')?.value);
    else add(node);
  }
  const services: ServiceView[] = [];
  let missing = false;
  for (const relative of paths) {
    const file = resolveBeside(fileName, relative);
    const text = safeRead(options, file);
    if (text === undefined || text.length > limits.maxChars) {
      missing = true;
      continue;
    }
    const other = new YamlIndex(parseDocument(text, { merge: true }), text, limits.maxAliasResolutions, file);
    services.push(...servicesOf(other, other.deref(other.doc.contents), lookup));
  }
  return { services, missing };
}

/**
 * Fills the healthcheck keys a service does not set from another definition of it (a base file, or
 * the service it `extends`): docker compose merges a healthcheck mapping key by key.
 */
function inheritHealthcheck(service: ServiceView, from: ServiceView): void {
  const inherited = from.healthcheck;
  if (!inherited) return;
  if (!service.healthcheck) {
    service.healthcheck = { ...inherited, entries: new Map(inherited.entries) };
    return;
  }
  const own = service.healthcheck;
  if (!own.map) return;
  for (const [key, entry] of inherited.entries) {
    if (!own.entries.has(key)) own.entries.set(key, entry);
  }
}

/** `extends: name` or `extends: {service, file}`; the target's healthcheck keys fill the missing ones. */
function applyExtends(
  service: ServiceView,
  local: Map<string, ServiceView>,
  fileName: string,
  lookup: Lookup,
  options: LoadOptions,
  limits: Limits,
  depth: number,
): void {
  const ext = service.entries.get('extends');
  if (!ext || depth >= MAX_EXTENDS_DEPTH) return;
  let targetName: string | undefined;
  let file: string | undefined;
  if (isScalar(ext.value) && typeof ext.value.value === 'string') targetName = ext.value.value;
  else if (isMap(ext.value)) {
    const map = ext.value;
    const read = (key: string) => {
      const node = map.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
      return isScalar(node) && typeof node.value === 'string' ? interpolate(node.value, lookup).value : undefined;
    };
    targetName = read('service');
    file = read('file');
  }
  if (!targetName) return;
  let target: ServiceView | undefined;
  if (file === undefined) {
    target = local.get(targetName);
    if (target === service) return;
    if (target) applyExtends(target, local, fileName, lookup, options, limits, depth + 1);
  } else {
    const path = resolveBeside(fileName, file);
    const text = safeRead(options, path);
    if (text === undefined || text.length > limits.maxChars) return;
    const index = new YamlIndex(parseDocument(text, { merge: true }), text, limits.maxAliasResolutions, path);
    const others = servicesOf(index, index.deref(index.doc.contents), lookup);
    target = others.find((s) => s.name === targetName);
    if (target) applyExtends(target, new Map(others.map((s) => [s.name, s])), path, lookup, options, limits, depth + 1);
  }
  if (target) inheritHealthcheck(service, target);
}

export { rangeOf };
