import { LineIndex } from '../../compose/range';
import type { ComposeModel } from '../../compose/model';
import { imageChecksOf, type ReadText } from '../../dockerfile/imageCheck';
import { parseDockerfile } from '../../dockerfile/parse';
import { lintDockerfile } from './index';

/**
 * Everything that needs the Dockerfile parser (dockerfile-ast and the language-server types it brings,
 * ~105 KB minified): the parse and the rules over it. The editor loads this at the first Dockerfile it
 * checks (src/compose/loadDockerfileAnalyzer.ts, esbuild.mjs's `dockerfile-on-demand` plugin), so neither
 * activation nor a workspace with compose files only pays for it. The CLI and the tests import directly.
 */
export const dockerfileAnalyzer = {
  parse: parseDockerfile,
  lint: lintDockerfile,
  /** What each compose service's image carries, from the Dockerfiles its `build:` names. */
  imageChecks: (model: ComposeModel, read: ReadText) => imageChecksOf(model, read, parseDockerfile),
  /** Offsets → lines for a file that is not open. */
  LineIndex,
};

export type DockerfileAnalyzer = typeof dockerfileAnalyzer;
