import type { RawSwarmEvent } from '../swarm/events';
import type { HealthcheckSpec } from '../compose/healthcheckSpec';

/**
 * The engine as the extension sees it: the calls of the Docker Engine API that the tree, the health
 * monitor and the probe make, normalised. The dockerode adapter (`DockerodeEngineClient`) implements it
 * for real engines, one instance per connection, so every capability talks to the engine the shared
 * connection resolved. Each consumer asks for the part it needs (`Pick<EngineClient, …>`: the probe's
 * `ProbeEngine`, the monitor's `MonitorClient`), and unit tests fake only that part. Calls about one
 * container reject with `EngineNotFoundError`/`EngineConflictError` (src/core/engine/errors.ts) when the
 * engine answers 404/409.
 */
export interface EngineClient {
  /**
   * `GET /version`: also proves the engine answers. Asked once per client (the connection and the
   * probe share the answer); a failure is not remembered, so the next call asks again.
   */
  version(): Promise<EngineVersion>;
  /** `GET /containers/json?all=1&filters={"label":["com.docker.compose.project"]}`: one call for every Compose container. */
  listComposeContainers(): Promise<ContainerSummary[]>;
  /** `GET /containers/{id}/json`; undefined when the container no longer exists or is not a Compose container. */
  inspectComposeContainer(id: string): Promise<ContainerDetails | undefined>;
  /**
   * `GET /events` for Compose containers' state changes, open until closed or until the engine goes
   * away. Resolves once the engine accepted the stream.
   */
  watchEvents(listener: EngineEventListener): Promise<EventSubscription>;
  restartContainer(id: string): Promise<void>;
  /** `GET /containers/{id}/logs?follow=1`: output as text chunks until closed or the container stops. */
  followLogs(id: string, options: { tail: number }, onText: (text: string) => void): Promise<LogStream>;
  /** Containers carrying every `key=value` (or bare `key`) label given, running or not. */
  listContainers(labels: string[], signal?: AbortSignal): Promise<LabelledContainer[]>;
  /** `GET /containers/{id}/json`, any container; rejects with `EngineNotFoundError` when it is gone. */
  inspectContainer(id: string, signal?: AbortSignal): Promise<InspectedContainer>;
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
  /** `Config.ExposedPorts` of an image (`GET /images/{id}/json`), e.g. `["8080/tcp"]`; empty when none. */
  imageExposedPorts(imageId: string): Promise<string[]>;
  /**
   * The container's `/proc/net/tcp` and `tcp6` read from this machine's /proc (each cut at `maxBytes`),
   * when the engine runs on this machine's kernel and the process there is provably the container's;
   * undefined otherwise (a remote engine, Docker Desktop's VM). For images in which nothing can read a file.
   */
  containerNetTables(containerId: string, maxBytes: number): Promise<{ tcp: string; tcp6?: string } | undefined>;
  /** `Swarm` of `GET /info`: whether the engine is in a swarm, as which node, and whether it manages it. */
  swarmState(): Promise<SwarmState>;
}

/** `Swarm` of `GET /info` (moby `api/types/swarm.Info`). */
export interface SwarmState {
  /** `inactive`, `pending`, `active`, `error`, `locked` (moby `api/types/swarm.LocalNodeState`). */
  localNodeState: string;
  nodeId: string;
  /** Only a manager answers the services, tasks and nodes lists (a worker gets 503 "This node is not a swarm manager"). */
  manager: boolean;
}

export interface EngineEventListener {
  onEvent(event: EngineEvent): void;
  /**
   * A Docker engine's Swarm events from the same stream: `service` and `node` events, and the events of
   * task containers (whose labels name their service and task), as the engine sent them.
   */
  onSwarmEvent?(event: RawSwarmEvent): void;
  /** The stream ended: the engine stopped or the connection broke. */
  onEnd(error?: Error): void;
}

export interface EventSubscription {
  close(): void;
}

export interface LogStream {
  /** Resolves when the log stream ends (container stopped, or closed). */
  readonly ended: Promise<void>;
  close(): void;
}

export interface EngineVersion {
  /** e.g. `20.10.24+dfsg1` */
  version: string;
  apiVersion: string;
  os?: string;
  /** e.g. "Docker Engine - Community", "Podman Engine"; from the first component. */
  product?: string;
  /**
   * Whose implementation of the API answers. Podman's differs where the extension looks: its list
   * carries no health, and its probe results are recorded by other rules (see `parseVersion`).
   */
  flavor: EngineFlavor;
}

export type EngineFlavor = 'docker' | 'podman';

/** Docker's container states (moby `container/state.go` StateString). */
export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** The engine's health status, or none for a container without a healthcheck. */
export type Health = 'starting' | 'healthy' | 'unhealthy' | 'none';

/** Compose's labels on a container (docker/compose `pkg/api/labels.go`). */
export interface ComposeLabels {
  project: string;
  service: string;
  workingDir?: string;
  /** The compose files the project was made from, absolute (`resolveConfigFiles`: docker-compose 1.29 writes them relative to workingDir). */
  configFiles?: string[];
  containerNumber?: number;
  oneOff?: boolean;
}

export interface ContainerSummary {
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  compose: ComposeLabels;
  state: ContainerState;
  health: Health;
  /** The list's status text, e.g. `Up 3 minutes (healthy)`. */
  status: string;
  /** For an exited container. */
  exitCode?: number;
}

export interface ProbeResult {
  /** ISO timestamps as the engine writes them. */
  start: string;
  end: string;
  exitCode: number;
  output: string;
}

/** What an inspect adds: the health log and the container's effective healthcheck. */
export interface ContainerDetails extends ContainerSummary {
  startedAt?: string;
  failingStreak: number;
  /** Oldest first, at most 5 (moby `daemon/health.go` maxLogEntries). */
  probeLog: ProbeResult[];
  /** `Config.Healthcheck`, durations in nanoseconds; undefined when the container has none. */
  healthcheck?: HealthcheckSpec;
}

/**
 * A container as a label query lists it, with every label and the engine's own state word: the probe
 * rebuilds a Compose command from the labels (project, files, env file) and shows the state as the
 * engine wrote it (Podman says `stopped` where Docker says `exited`), which `ContainerSummary` normalises.
 */
export interface LabelledContainer {
  id: string;
  /** Without the leading slash. */
  name: string;
  /** `running`, `exited`, `paused`, `created`, … (`State` of `GET /containers/json`). */
  state: string;
  labels: Record<string, string>;
}

/** One container inspect, parsed once: the probe uses it as it is, the tree through `containerDetails` (parse.ts). */
export interface InspectedContainer {
  id: string;
  name: string;
  /** The ID of the image the container was created from. */
  imageId: string;
  /** The image as the container was created with it (`Config.Image`), e.g. `postgres:16`. */
  image: string;
  state: ContainerState;
  /** `State.Status` as the engine wrote it. */
  status: string;
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
  exitCode?: number;
  startedAt?: string;
}

export interface ContainerHealth {
  status: string;
  failingStreak: number;
  /** Oldest first, as `State.Health.Log` holds it. */
  log: ProbeResult[];
}

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

/** What became of an exec's processes after `endExec`. */
export type ExecEnding =
  | { ended: true }
  /** `reason` says why, e.g. "the image has no shell (sh) to run kill in". */
  | { ended: false; reason: string };

export type EngineEventAction =
  | 'create'
  | 'start'
  | 'die'
  | 'stop'
  | 'kill'
  | 'pause'
  | 'unpause'
  | 'rename'
  | 'destroy'
  | 'health_status'
  /** The kernel's OOM killer ended a process of the container (moby daemon/monitor.go); `die` follows. */
  | 'oom'
  /** Podman only: an exec in the container ended; its health probes are execs (see parse.ts PODMAN_ACTIONS). */
  | 'exec_died';

export interface EngineEvent {
  action: EngineEventAction;
  containerId: string;
  /** Current name (for rename: the new one). */
  name?: string;
  image?: string;
  compose?: ComposeLabels;
  /** For health_status. */
  health?: Exclude<Health, 'none'>;
  /** For die. */
  exitCode?: number;
  /** Engine time in nanoseconds since the epoch. */
  timeNano: number;
}
