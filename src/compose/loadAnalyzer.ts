import type { Analyzer } from '../core/lint/analyzer';

/**
 * The compose analysis and rules (src/core/lint/analyzer.ts), required at the first parse rather than
 * when the extension loads: the `yaml` package and the rules are over half of what activation would
 * otherwise load, and activate() parses nothing (the workspace check starts after it returns). The
 * extension's bundle resolves this require to dist/analysis.js (esbuild.mjs); Node caches it after the
 * first call.
 */
export function loadAnalyzer(): Analyzer {
  return (require('../core/lint/analyzer') as typeof import('../core/lint/analyzer')).analyzer;
}
