import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { analyzeCompose, topLevelName, type ComposeAnalysis, type ServiceView } from './analyze';
import type { BuildEntry, ComposeModel, LoadOptions, ServiceEntry } from './model';
import { resolveBeside, resolveIn } from './project';
import { rangeOf } from './yamlIndex';

/**
 * The compose model shared by the tree, the probe runner and the diagnostics: services with their
 * healthcheck after merge keys, aliases, `extends`, the base file and interpolation. Never throws; a
 * document that is not a compose file gives a model without services.
 */
export function loadCompose(text: string, options: LoadOptions = {}): ComposeModel {
  try {
    return modelOf(analyzeCompose(text, options));
  } catch {
    // A bug of ours on unforeseen input must not break the tree or the probe runner; the linter reports it.
    return { fileName: options.fileName ?? '', services: [] };
  }
}

export function modelOf(analysis: ComposeAnalysis): ComposeModel {
  const model: ComposeModel = { fileName: analysis.fileName, services: [], baseFiles: analysis.baseFiles };
  const name = (analysis.index && topLevelName(analysis.index, analysis.lookup)) ?? analysis.baseName;
  if (name) model.name = name;
  const fromEnvironment = analysis.lookup('COMPOSE_PROJECT_NAME');
  if (fromEnvironment) model.projectNameFromEnvironment = fromEnvironment;
  for (const service of analysis.services) {
    // A service written again in a later document is one service: the later, merged definition.
    if (analysis.projectServices.get(service.name) === service) model.services.push(serviceEntryOf(analysis, service));
  }
  return model;
}

function serviceEntryOf(analysis: ComposeAnalysis, service: ServiceView): ServiceEntry {
  const entry: ServiceEntry = { name: service.name, keyRange: rangeOf(service.keyNode) };
  const image = analysis.interpolate(service.entries.get('image')?.value ?? null);
  if (image && image.value) entry.image = image.value;
  const build = buildEntryOf(analysis, service);
  if (build) entry.build = build;
  const hc = service.healthcheck;
  if (hc) {
    // A healthcheck inherited from another file is anchored on the service's own key.
    const local = !hc.entry.foreign;
    const test = hc.entries.get('test');
    entry.healthcheck = {
      keyRange: rangeOf(local ? hc.entry.keyNode : service.keyNode),
      range: rangeOf(local ? (hc.map ?? hc.entry.keyNode) : service.keyNode),
      spec: hc.spec,
    };
    if (test && !test.foreign && (isScalar(test.value) || isSeq(test.value))) entry.healthcheck.testRange = rangeOf(test.value);
  }
  if (service.dependsOn.length > 0) {
    entry.dependsOn = service.dependsOn.map((d) => ({
      service: d.name,
      ...(d.condition !== undefined ? { condition: d.condition } : {}),
      range: d.foreign ? rangeOf(service.keyNode) : rangeOf(d.node),
    }));
  }
  return entry;
}

/** A context that is not a local folder: compose-go (loader/paths.go) leaves Git and HTTP(S) URLs as they are. */
const REMOTE_CONTEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;

function buildEntryOf(analysis: ComposeAnalysis, service: ServiceView): BuildEntry | undefined {
  const written = service.entries.get('build');
  if (!written) return undefined;
  // Paths in a file reached by `extends` or a base file are relative to that file, as compose-go resolves them.
  const file = written.foreign ?? analysis.fileName;
  const entry: BuildEntry = { keyRange: rangeOf(written.foreign ? service.keyNode : written.keyNode) };
  const text = (node: Node | null | undefined): string | undefined => {
    const value = analysis.interpolate(node ?? null);
    return value && value.unresolved.length === 0 && !value.error ? value.value : undefined;
  };
  let context: string | undefined;
  let dockerfile: string | undefined;
  if (isMap(written.value)) {
    const item = (key: string) => written.value && isMap(written.value) ? (written.value.get(key, true) as Node | null | undefined) : undefined;
    const hasContext = item('context') !== undefined;
    context = hasContext ? text(item('context')) : '.';
    dockerfile = text(item('dockerfile'));
    entry.inline = text(item('dockerfile_inline'));
    const target = text(item('target'));
    if (target) entry.target = target;
  } else {
    context = text(written.value);
  }
  if (context === undefined || context === '' || REMOTE_CONTEXT.test(context)) return entry;
  entry.context = resolveBeside(file, context);
  if (entry.inline !== undefined) return entry;
  entry.defaultDockerfile = dockerfile === undefined;
  entry.dockerfile = resolveIn(entry.context, dockerfile ?? 'Dockerfile');
  return entry;
}
