import { analyzeCompose } from '../compose/analyze';
import { modelOf } from '../compose/load';
import { LineIndex } from '../compose/range';
import { applyHealthcheck, declaredServicePorts, definesService } from '../suggest/yamlEdit';
import { lintAnalysis } from './index';

/**
 * Everything that needs the YAML parser, in one place: the analysis of a compose file, its model and the
 * rules over it. The editor loads this at its first parse, not at activation (activate() parses nothing):
 * the extension's bundle resolves src/compose/loadAnalyzer.ts's require of this module to
 * dist/analysis.js (esbuild.mjs). The CLI and the unit tests import the functions directly.
 */
export const analyzer = {
  analyze: analyzeCompose,
  modelOf,
  lint: lintAnalysis,
  /** Offsets → lines for a file that is not open (the analysis uses it too; one class in one bundle). */
  LineIndex,
  /** The healthcheck edits of "Suggest a healthcheck" (the yaml Document API, so here with the parser). */
  edits: { applyHealthcheck, definesService, declaredServicePorts },
};

export type Analyzer = typeof analyzer;
