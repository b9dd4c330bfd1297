import type { ReadFailure } from './files';
import type { HealthcheckSpec } from './healthcheckSpec';
import type { Limits } from './limits';
import type { Range } from './range';

/**
 * The public compose model shared by diagnostics, the live tree and the probe runner.
 * Ranges are offsets in the document the model was built from.
 */
export interface ComposeModel {
  fileName: string;
  /** Top-level `name:` after interpolation, when written: this file's, else that of a file it is merged over. */
  name?: string;
  /** `COMPOSE_PROJECT_NAME` from the process environment, else from the `.env` beside the file. */
  projectNameFromEnvironment?: string;
  /** The files this one is merged over (an override's base, earlier `COMPOSE_FILE` entries), absolute, every alternative. */
  baseFiles?: string[];
  services: ServiceEntry[];
}

export interface ServiceEntry {
  name: string;
  /** The service's key under `services:`. */
  keyRange: Range;
  image?: string;
  /** `build:`, when the service is built: where its Dockerfile is (the effective check across files reads it). */
  build?: BuildEntry;
  healthcheck?: HealthcheckEntry;
  /** `depends_on`, list or mapping form (a list item has no condition: `service_started`). */
  dependsOn?: DependencyEntry[];
}

/**
 * A service's `build:` (the short form is the context alone), after interpolation. Paths are resolved the
 * way compose-go does (loader/normalize.go, paths.go): the context against the folder of the file that
 * writes it (default `.`), the Dockerfile against the context (default `Dockerfile`).
 */
export interface BuildEntry {
  /** The `build` key: where a finding about the build anchors. */
  keyRange: Range;
  /** The context folder, absolute; undefined when it is not a local folder (a Git or HTTP URL) or unresolved. */
  context?: string;
  /** The Dockerfile, absolute; undefined with `dockerfile_inline`, a remote context or an unresolved value. */
  dockerfile?: string;
  /** True when `dockerfile` was not written, so the default name was taken. */
  defaultDockerfile?: boolean;
  /** `dockerfile_inline`: the Dockerfile's text itself. */
  inline?: string;
  /** `target`: the stage that is built instead of the last one. */
  target?: string;
}

export interface DependencyEntry {
  service: string;
  /** `service_started`, `service_healthy`, `service_completed_successfully`, as written. */
  condition?: string;
  /** The dependency's name as written in this document. */
  range: Range;
}

export interface HealthcheckEntry {
  /** The `healthcheck:` key: where the CodeLens and hover anchor. */
  keyRange: Range;
  /** The healthcheck mapping (its value). */
  range: Range;
  /** The `test:` value, when written. */
  testRange?: Range;
  /** The engine-level form after interpolation, merge keys and `disable: true`. */
  spec: HealthcheckSpec;
}

export interface LoadOptions {
  fileName?: string;
  /** Variables for `${…}` interpolation (the process environment); they win over `.env`. */
  env?: Record<string, string | undefined>;
  /**
   * Reads another file of the project: the `.env` beside the file, the base of an override file or of
   * a `COMPOSE_FILE` list, an `extends: {file}` target. Returns why it could not be read when it knows
   * (`readTextFile`'s failure: a missing file or a directory is a Compose error for `extends`), else
   * undefined. Without it, only the document itself is checked.
   */
  readFile?: (path: string) => string | ReadFailure | undefined;
  /** Bounds for hostile input; see `DEFAULT_LIMITS`. */
  limits?: Partial<Limits>;
}
