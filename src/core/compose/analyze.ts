import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { parseDotEnv } from './dotenv';
import type { ReadFailure } from './files';
import type { HealthcheckSpec } from './healthcheckSpec';
import { interpolate, literal, type Interpolated, type Lookup } from './interpolate';
import { DEFAULT_LIMITS, type Limits } from './limits';
import type { LoadOptions } from './model';
import { baseFilesOf, dotEnvPathOf, resolveBeside } from './project';
import type { Range } from './range';
import { specOf } from './spec';
import { YamlIndex, type Entry, type InterpolationError, type Via } from './yamlIndex';

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
  /** Why Compose would refuse this service's `extends` chain; set only when it would. */
  extendsFailure?: ExtendsFailure;
}

/**
 * An `extends` that docker compose refuses (compose-go `loader/extends.go`), found while following the
 * chain: `message` is Compose's own text (seen with docker compose 2.26.1).
 */
export interface ExtendsFailure {
  message: string;
  /** The file and service whose `extends` failed: this service, or one further along the chain. */
  file: string;
  service: string;
  /** The written value that failed (the name, `file:` or `service:`), in `file`. */
  node: Node | null;
  /** For a circular chain: every `file` + NUL + `service` on the circle. */
  circle?: string[];
}

export interface LimitHit {
  range: Range;
  message: string;
}

/** Everything the model and the rules need, from one parse of one file (and of the files it merges with). */
export interface ComposeAnalysis {
  text: string;
  fileName: string;
  /** Every YAML document of the file; empty when a limit stopped the parse. */
  documents: Document[];
  index?: YamlIndex;
  /** The top-level node of each document (aliases followed); Compose merges later ones over earlier ones. */
  roots: Array<Node | null>;
  lookup: Lookup;
  services: ServiceView[];
  /** Every service of the project (this file merged over its base files), by name. */
  projectServices: Map<string, ServiceView>;
  /** True when a base or included file could not be read: the project may have services not seen here. */
  partial: boolean;
  /** True when a base file could not be read: this file's services may get keys (test, start_period…) from it. */
  baseUnknown: boolean;
  /** The files this one is merged over, every alternative (`baseFilesOf`). */
  baseFiles: string[];
  /** The last top-level `name:` of the base files (interpolated), which this file's own `name:` overrides. */
  baseName?: string;
  interpolationErrors: InterpolationError[];
  limitHits: LimitHit[];
  limits: Limits;
  interpolate(node: Node | null): Interpolated | undefined;
}

const MAX_EXTENDS_DEPTH = 10;

/**
 * Parses a compose file once and assembles its project: services with their healthcheck after merge keys
 * and aliases, `extends`, the base files of an override (or of `COMPOSE_FILE`), `include:`d files, and
 * interpolation from `options.env` over the `.env` beside the file. Other files come only through
 * `options.readFile`. May throw only on a bug of ours: `loadCompose` and `lintText` guard it.
 */
export function analyzeCompose(text: string, options: LoadOptions = {}): ComposeAnalysis {
  const fileName = options.fileName ?? '';
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const lookup = environmentOf(fileName, options);
  const analysis: ComposeAnalysis = {
    text,
    fileName,
    documents: [],
    roots: [],
    lookup,
    services: [],
    projectServices: new Map(),
    partial: false,
    baseUnknown: false,
    baseFiles: baseFilesOf(fileName, lookup).flat(),
    interpolationErrors: [],
    limitHits: [],
    limits,
    interpolate: (node) => interpolateNode(node, lookup),
  };
  if (text.length > limits.maxChars) {
    analysis.limitHits.push({
      range: { start: 0, end: 0 },
      message: `This file is ${Math.round(text.length / 1024)} KB, above the ${Math.round(limits.maxChars / 1024)} KB limit for checking; it was not checked. Split it into smaller files (for example with \`include:\`).`,
    });
    return analysis;
  }
  const documents = parseYaml(text);
  const index = new YamlIndex(documents, text, limits.maxAliasResolutions);
  analysis.documents = documents;
  analysis.index = index;
  analysis.interpolationErrors = index.interpolationErrors;
  analysis.roots = index.roots();
  const context: FileContext = { lookup, options, limits, read: new Map() };
  analysis.services = fileServices(index, fileName, context, 0);

  const bases = readBases(fileName, context);
  const included = readIncludes(index, fileName, context);
  analysis.partial = bases.missing || included.missing;
  analysis.baseUnknown = bases.missing;
  if (bases.name !== undefined) analysis.baseName = bases.name;
  for (const other of [...included.services, ...bases.services]) analysis.projectServices.set(other.name, other);
  for (const service of analysis.services) {
    const earlier = analysis.projectServices.get(service.name);
    if (earlier) inheritDefinition(service, earlier);
    analysis.projectServices.set(service.name, service);
  }
  // Specs once everything is merged: this file's services and those of base and included files.
  for (const service of analysis.projectServices.values()) {
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
  const read = readWithReason(options, filePath);
  return typeof read === 'string' ? read : undefined;
}

/** The text, or why it could not be read (undefined: no reader, or it gave no reason). */
function readWithReason(options: LoadOptions, filePath: string): string | ReadFailure | undefined {
  try {
    return options.readFile?.(filePath);
  } catch {
    return undefined;
  }
}

function interpolateNode(node: Node | null, lookup: Lookup): Interpolated | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'symbol') return undefined;
  if (typeof node.value === 'string') return interpolate(node.value, lookup);
  return literal(String(node.value));
}

/** What reading another file of the project needs. */
interface FileContext {
  lookup: Lookup;
  options: LoadOptions;
  limits: Limits;
  /** Other files already read for this check (or why not): many services may extend the same file. */
  read: Map<string, YamlIndex | ReadFailure | undefined>;
}

/** All YAML documents of a text (`---` separated); compose-go decodes every one of them. */
function parseYaml(text: string): Document[] {
  return [...parseAllDocuments(text, { merge: true, prettyErrors: false })];
}

/**
 * The services of one file, in document order, with `extends` followed (same file, or `file:` up to a
 * depth). A service written again in a later document appears again: it is merged over the earlier one
 * where the project is assembled.
 */
function fileServices(index: YamlIndex, fileName: string, context: FileContext, depth: number): ServiceView[] {
  const services = index.roots().flatMap((root) => servicesOf(index, root, context.lookup));
  const byName = new Map(services.map((s) => [s.name, s]));
  for (const service of services) service.extendsFailure = applyExtends(service, byName, fileName, context, depth, []);
  return services;
}

/** Parses another file of the project; undefined when it cannot be read or is above the size limit. */
function readOther(file: string, context: FileContext): YamlIndex | undefined {
  const read = readOtherWithReason(file, context);
  return read instanceof YamlIndex ? read : undefined;
}

/** As `readOther`, with the reader's reason when the file could not be read. */
function readOtherWithReason(file: string, context: FileContext): YamlIndex | ReadFailure | undefined {
  if (context.read.has(file)) return context.read.get(file);
  const text = readWithReason(context.options, file);
  let result: YamlIndex | ReadFailure | undefined;
  if (typeof text !== 'string') result = text;
  else if (text.length <= context.limits.maxChars) result = new YamlIndex(parseYaml(text), text, context.limits.maxAliasResolutions, file);
  context.read.set(file, result);
  return result;
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
  };
  const hc = entries.get('healthcheck');
  if (hc) {
    const map = isMap(hc.value) ? hc.value : null;
    const hcEntries = map ? withVia(index.entries(map), hc) : new Map<string, Entry>();
    // `spec` is computed once the project is merged (analyzeCompose), not here.
    service.healthcheck = { entry: hc, map, entries: hcEntries, spec: {} };
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
        const condition = index.get(dep.value, 'condition');
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

/** Reads and analyses the base files (override pair or COMPOSE_FILE); their nodes are foreign. */
function readBases(fileName: string, context: FileContext): { services: ServiceView[]; missing: boolean; name?: string } {
  const services: ServiceView[] = [];
  let missing = false;
  let name: string | undefined;
  for (const alternatives of baseFilesOf(fileName, context.lookup)) {
    const found = alternatives.map((file) => ({ file, index: readOther(file, context) })).find((f) => f.index);
    if (!found?.index) {
      missing = true;
      continue;
    }
    name = topLevelName(found.index, context.lookup) ?? name;
    for (const service of fileServices(found.index, found.file, context, 1)) {
      const earlier = services.findIndex((s) => s.name === service.name);
      if (earlier >= 0) {
        inheritDefinition(service, services[earlier]);
        services.splice(earlier, 1);
      }
      services.push(service);
    }
  }
  return name === undefined ? { services, missing } : { services, missing, name };
}

/** A file's top-level `name:` after interpolation (a later YAML document's wins, as compose-go merges them). */
export function topLevelName(index: YamlIndex, lookup: Lookup): string | undefined {
  let name: string | undefined;
  for (const root of index.roots()) {
    const entry = isMap(root) ? index.get(root, 'name') : undefined;
    const value = entry ? interpolateNode(entry.value, lookup)?.value : undefined;
    if (value) name = value;
  }
  return name;
}

/** Top-level `include:` (a path, or `{path: a | [a, b]}`): the included projects' services exist too. */
function readIncludes(index: YamlIndex, fileName: string, context: FileContext): { services: ServiceView[]; missing: boolean } {
  const paths: string[] = [];
  const add = (node: unknown) => {
    const value = index.deref(node);
    if (isScalar(value) && typeof value.value === 'string') paths.push(interpolate(value.value, context.lookup).value);
    else if (isSeq(value)) value.items.forEach(add);
  };
  for (const root of index.roots()) {
    const include = isMap(root) ? index.entries(root).get('include')?.value : undefined;
    if (!isSeq(include)) continue;
    for (const item of include.items) {
      const node = index.deref(item);
      if (isMap(node)) add(index.entries(node).get('path')?.value);
      else add(node);
    }
  }
  const services: ServiceView[] = [];
  let missing = false;
  for (const relative of paths) {
    const file = resolveBeside(fileName, relative);
    const other = readOther(file, context);
    if (other) services.push(...fileServices(other, file, context, 1));
    else missing = true;
  }
  return { services, missing };
}

const INHERITED_KEYS = ['build', 'image'] as const;

/**
 * Fills the healthcheck keys (and the build and image) a service does not set from another definition of it (a base file, or
 * the service it `extends`): docker compose merges a healthcheck mapping key by key.
 */
function inheritDefinition(service: ServiceView, from: ServiceView): void {
  // What the build and image come from follows the same merge: the effective check across files reads
  // the inherited `build` (its paths stay relative to the file that writes them: the entry's `foreign`).
  for (const key of INHERITED_KEYS) {
    const entry = from.entries.get(key);
    if (entry && !service.entries.has(key)) service.entries.set(key, entry);
  }
  const inherited = from.healthcheck;
  if (!inherited) return;
  if (!service.healthcheck) {
    service.healthcheck = { ...inherited, entries: new Map(inherited.entries) };
    return;
  }
  const own = service.healthcheck;
  // compose-go `!reset` / `!override` tags: the value replaces what it is merged over (loader/reset.go).
  if (!own.map || own.entry.reset || own.entry.value?.tag === '!override') return;
  for (const [key, entry] of inherited.entries) {
    if (!own.entries.has(key)) own.entries.set(key, entry);
  }
}

/**
 * `extends: name` or `extends: {service, file}`: the target's healthcheck keys fill the missing ones.
 * Returns why docker compose would refuse the chain (compose-go `loader/extends.go`): a target service
 * that does not exist, an `extends.file` that is missing or not a regular file, a circular chain.
 * `chain` holds the `file` + NUL + `service` already followed to get here.
 */
function applyExtends(
  service: ServiceView,
  local: Map<string, ServiceView>,
  fileName: string,
  context: FileContext,
  depth: number,
  chain: readonly string[],
): ExtendsFailure | undefined {
  const ext = service.entries.get('extends');
  if (!ext || depth >= MAX_EXTENDS_DEPTH) return undefined;
  let target: { name: string; node: Node | null } | undefined;
  let file: { path: string; node: Node | null } | undefined;
  // A name that uses an unset variable: which service it means is unknown here.
  const named = (node: unknown) => {
    if (!isScalar(node) || typeof node.value !== 'string') return undefined;
    const parsed = interpolate(node.value, context.lookup);
    return parsed.error || parsed.unresolved.length > 0 ? undefined : { name: parsed.value, node: node as Node };
  };
  if (isScalar(ext.value)) target = named(ext.value);
  else if (isMap(ext.value)) {
    const map = ext.value;
    const valueOf = (key: string) => map.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
    target = named(valueOf('service'));
    const fileNode = valueOf('file');
    if (fileNode !== undefined) {
      const written = named(fileNode);
      if (!written) return undefined;
      file = { path: written.name, node: written.node };
    }
  }
  if (!target) return undefined;
  const here = `${fileName}\0${service.name}`;
  const fail = (message: string, node: Node | null): ExtendsFailure => ({ message, file: fileName, service: service.name, node });
  let targetFile = fileName;
  let siblings = local;
  if (file) {
    targetFile = resolveBeside(fileName, file.path);
    const other = readOtherWithReason(targetFile, context);
    if (other === undefined) return undefined;
    if (!(other instanceof YamlIndex)) {
      if (other.reason === 'missing') return fail(`open ${targetFile}: no such file or directory`, file.node);
      // Compose says `read …: is a directory` for a directory; a device or a pipe it would read forever.
      if (other.reason === 'not-a-file') return fail(`read ${targetFile}: not a regular file`, file.node);
      return undefined;
    }
    // The other file's services as written; only the target's own chain is followed from here.
    const services = other.roots().flatMap((root) => servicesOf(other, root, context.lookup));
    siblings = new Map(services.map((s) => [s.name, s]));
  }
  const found = siblings.get(target.name);
  if (!found) {
    const where = file ? ` in ${file.path}` : '';
    return fail(`cannot extend service "${service.name}" in ${fileName || 'this file'}: service "${target.name}" not found${where}`, target.node);
  }
  const next = `${targetFile}\0${target.name}`;
  const path = [...chain, here];
  const start = path.indexOf(next);
  if (start >= 0) {
    const circle = path.slice(start);
    const lines = [...circle, next].map((key, i) => `${i === 0 ? '' : 'extends '}${key.split('\0')[1]} in ${key.split('\0')[0] || 'this file'}`);
    return { ...fail(`Circular reference: ${lines.join(', ')}`, target.node), circle };
  }
  const failure = applyExtends(found, siblings, targetFile, context, depth + 1, path);
  if (!failure) inheritDefinition(service, found);
  return failure;
}
