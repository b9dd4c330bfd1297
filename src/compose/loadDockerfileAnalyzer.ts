import type { DockerfileAnalyzer } from '../core/lint/dockerfile/analyzer';

/**
 * The Dockerfile parser and rules (src/core/lint/dockerfile/analyzer.ts), required at the first
 * Dockerfile checked rather than when the extension loads or the first compose file is parsed. The
 * extension's bundle resolves this require to dist/dockerfile.js (esbuild.mjs); Node caches it.
 */
export function loadDockerfileAnalyzer(): DockerfileAnalyzer {
  return (require('../core/lint/dockerfile/analyzer') as typeof import('../core/lint/dockerfile/analyzer')).dockerfileAnalyzer;
}
