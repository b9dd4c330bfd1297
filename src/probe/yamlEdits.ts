import type * as YamlEdit from '../core/suggest/yamlEdit';

/**
 * The one way the editor reaches the healthcheck YAML edit (`applyHealthcheck`, `definesService`,
 * `declaredServicePorts`). Those functions use the `yaml` package's Document API; required here on
 * first use rather than imported, so that activation does not load `yaml` for them, and so that this
 * single line can point at a separately bundled analysis module without touching the callers.
 */
export function yamlEdits(): typeof YamlEdit {
  return require('../core/suggest/yamlEdit') as typeof YamlEdit;
}
