import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import type { EngineFlavor, ProbeResult } from '../engine/types';

/**
 * The narrow slice of the Docker Engine API that the probe needs. The extension implements it over
 * dockerode (`DockerodeEngineClient` in src/core/engine, which also serves the tree); unit tests implement it with a small in-memory class.
 */
export interface ProbeEngine {
  /** The API version the engine speaks (`GET /version` → `ApiVersion`), e.g. "1.41". */
  apiVersion(): Promise<string>;
  /** Docker or Podman (from the same `GET /version`): their health monitors record a probe differently. */
  engineFlavor(): Promise<EngineFlavor>;
  /** Containers carrying every `key=value` (or bare `key`) label given, running or not. */
  listContainers(labels: string[], signal?: AbortSignal): Promise<ContainerSummary[]>;
  /** `GET /containers/{id}/json`; rejects with `EngineNotFoundError` when the container is gone. */
  inspectContainer(id: string, signal?: AbortSignal): Promise<ProbeContainer>;
  /** The image's own HEALTHCHECK (`Config.Healthcheck` of `GET /images/{id}/json`), if any. */
  imageHealthcheck(imageId: string): Promise<HealthcheckSpec | undefined>;
  /**
   * Runs argv inside the container through the exec endpoints (create, start, inspect) without a TTY
   * or stdin, handing each output frame to `onOutput` in the order the engine sent it. Aborting the
   * signal only stops waiting (closing the stream does not stop the process) and rejects with an
   * `ExecAbortedError` naming the exec, so that the caller can `endExec` it. `onStarted` is called once
   * the process runs (or the exec ended without starting).
   */
  exec(containerId: string, request: ExecRequest, onOutput: (chunk: Uint8Array) => void, signal?: AbortSignal, onStarted?: () => void): Promise<ExecOutcome>;
  /**
   * Ends an exec's process and every process it started, as Docker's health monitor ends a probe past
   * its timeout. The Engine API has no call for this, so it may be impossible (a remote engine, an
   * image without a shell): the answer then says why, and nothing else is touched.
   */
  endExec(containerId: string, execId: string): Promise<ExecEnding>;
  /**
   * Whether the engine sent the container a signal (stop, kill, restart or forced removal) between
   * `sinceMs` (a Date.now() value) and now: its `kill` events, which moby logs for every signal it sends
   * to a container (daemon/kill.go killWithSignal).
   */
  signalledSince(containerId: string, sinceMs: number): Promise<boolean>;
}

/** What became of an exec's processes after `endExec`. */
export type ExecEnding =
  | { ended: true }
  /** `reason` says why, e.g. "the image has no shell (sh) to run kill in". */
  | { ended: false; reason: string };

export interface ContainerSummary {
  id: string;
  /** Without the leading slash. */
  name: string;
  /** `running`, `exited`, `paused`, `created`, … (`State` of `GET /containers/json`). */
  state: string;
  labels: Record<string, string>;
}

/** What the probe reads from a container's inspect result. */
export interface ProbeContainer {
  id: string;
  name: string;
  imageId: string;
  running: boolean;
  paused: boolean;
  user: string;
  workingDir: string;
  /** `Config.Shell`: only set when the container was created with one. */
  shell?: string[];
  /** `Config.Healthcheck`, already merged with the image's by the engine at create time. */
  healthcheck?: HealthcheckSpec;
  labels: Record<string, string>;
  /** `State.Health`; absent when the container has no healthcheck. */
  health?: ContainerHealth;
}

export interface ContainerHealth {
  status: string;
  failingStreak: number;
  log: HealthLogEntry[];
}

/** One `State.Health.Log` entry, as the tree shows it too. */
export type HealthLogEntry = ProbeResult;

export interface ExecRequest {
  argv: string[];
  user: string;
  workingDir: string;
}

/** `GET /exec/{id}/json` once the output stream has ended. */
export interface ExecOutcome {
  /** null when the engine has not recorded one (the process did not end normally). */
  exitCode: number | null;
  /** 0 when the process never started (the exec failed before it ran). */
  pid: number;
}

// The adapter maps the engine's 404/409 answers to these (src/core/engine/errors.ts); probe code catches them.
export { EngineConflictError, EngineNotFoundError, ExecAbortedError } from '../engine/errors';
