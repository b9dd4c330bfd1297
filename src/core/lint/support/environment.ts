import { isMap, isScalar, isSeq } from 'yaml';
import type { ServiceView } from '../../compose/analyze';
import type { YamlIndex } from '../../compose/yamlIndex';

/**
 * The variables a service's container gets from `environment:` (mapping or `KEY=value` list), with their
 * YAML values before interpolation; a key without a value (`- KEY`) maps to undefined (taken from the host).
 */
export function containerEnvironment(service: ServiceView, index: YamlIndex | undefined): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>();
  const value = service.entries.get('environment')?.value;
  if (!index) return env;
  if (isMap(value)) {
    for (const [name, item] of index.entries(value)) {
      env.set(name, isScalar(item.value) && item.value.value !== null ? String(item.value.value) : undefined);
    }
  } else if (isSeq(value)) {
    for (const item of value.items) {
      const node = index.deref(item);
      if (!isScalar(node) || typeof node.value !== 'string') continue;
      const eq = node.value.indexOf('=');
      if (eq < 0) env.set(node.value, undefined);
      else env.set(node.value.slice(0, eq), node.value.slice(eq + 1));
    }
  }
  return env;
}
