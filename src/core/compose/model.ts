import type { HealthcheckSpec } from './healthcheckSpec';
import type { Range } from './range';

/**
 * The public compose model shared by diagnostics, the live tree and the probe runner.
 * Ranges are offsets in the document the model was built from.
 */
export interface ComposeModel {
  fileName: string;
  /** Top-level `name:` after interpolation, when written. */
  name?: string;
  services: ServiceEntry[];
}

export interface ServiceEntry {
  name: string;
  /** The service's key under `services:`. */
  keyRange: Range;
  image?: string;
  healthcheck?: HealthcheckEntry;
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
  /** Variables for `${…}` interpolation (the process environment merged with `.env`). */
  env?: Record<string, string | undefined>;
}
