import type { LoadOptions } from '../compose/model';
import type { ImageCheck } from '../dockerfile/imageCheck';
import type { Range } from '../compose/range';

export type Severity = 'error' | 'warning' | 'info';

/** One text replacement; offsets are in the linted document. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix computed by the core, so the editor, the CLI and tests share it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one obvious fix (VS Code's `isPreferred`). */
  preferred?: boolean;
}

export interface Finding {
  /** Stable rule code, e.g. `cmd-shell-syntax`; documented in docs/rules.md#<code>. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}

/**
 * The Docker Engine the file is meant for, when known: the extension's live connection, the CLI's
 * `--engine-version`. Without it, no rule depends on the engine.
 */
export interface EngineTarget {
  /** The engine's version, e.g. `20.10.24+dfsg1` or `25`. */
  version?: string;
  /** Its API version, e.g. `1.41`: what docker compose compares (Podman's version is not Docker's). */
  apiVersion?: string;
  /** A listed engine is an active Swarm node (`Swarm.LocalNodeState` of `GET /info`): a file with `deploy:` is then taken for a stack file. */
  swarm?: boolean;
}

/** What the rules know besides the file: the engine it is meant for, what its services' images carry, and whether it is deployed as a Swarm stack. */
export interface LintContext {
  engine?: EngineTarget;
  /**
   * The HEALTHCHECK each service's image carries, where the workspace's Dockerfiles tell (`imageChecksOf`:
   * a service's `build:`, or an `image:` another service builds). Without it, no rule assumes anything
   * about an image.
   */
  imageChecks?: ReadonlyMap<string, ImageCheck>;
  /**
   * The workspace says this file is deployed with `docker stack deploy` (the `composeHealth.swarm.stackFiles`
   * setting, or a `deploy:` section while a listed engine is a Swarm node; the CLI's `--stack`). The caller
   * decides; only then do the `stack-*` rules speak, so plain Compose users never see them.
   */
  stack?: boolean;
}

/** `fileName`, `env`, `readFile` (for `.env`, base and `extends` files) and `limits`, as for the model; the engine. */
export type LintOptions = LoadOptions & LintContext;
