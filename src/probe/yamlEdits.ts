import { loadAnalyzer } from '../compose/loadAnalyzer';
import type { Analyzer } from '../core/lint/analyzer';

/**
 * The one way the editor reaches the healthcheck YAML edit (`applyHealthcheck`, `definesService`,
 * `declaredServicePorts`). They use the `yaml` package's Document API, so they live in the analysis
 * bundle (dist/analysis.js), which is required at first use rather than at activation.
 */
export function yamlEdits(): Analyzer['edits'] {
  return loadAnalyzer().edits;
}
