import { isMap, isScalar, type Node } from 'yaml';
import type { ComposeAnalysis, ServiceView } from '../../compose/analyze';
import { parseDuration } from '../../compose/duration';
import type { Entry } from '../../compose/yamlIndex';

/**
 * A key under the service's `deploy:` mapping (`deploy.update_config`, `deploy.restart_policy`), aliases
 * and merge keys followed. Undefined when `deploy` is absent, not a mapping, or written in another file
 * (a base file's nodes belong to that file's index).
 */
export function deployEntry(service: ServiceView, analysis: ComposeAnalysis, ...path: string[]): Entry | undefined {
  let entry = service.entries.get('deploy');
  for (const key of path) {
    if (!entry || entry.foreign || !isMap(entry.value) || !analysis.index) return undefined;
    entry = analysis.index.get(entry.value, key);
  }
  return entry;
}

/** A duration written as a string (after interpolation), in nanoseconds; undefined when unknown or invalid. */
export function durationNs(node: Node | null, analysis: ComposeAnalysis): number | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const interpolated = analysis.interpolate(node);
  if (!interpolated || interpolated.error || interpolated.unresolved.length > 0) return undefined;
  const parsed = parseDuration(interpolated.value);
  return parsed.ok ? parsed.ns : undefined;
}
