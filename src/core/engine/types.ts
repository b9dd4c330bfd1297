import type { HealthcheckSpec } from '../compose/healthcheckSpec';

/**
 * The engine as the extension sees it: a few calls of the Docker Engine API, normalised. The dockerode
 * adapter implements it for real engines; unit tests implement it with a small fake class.
 */
export interface EngineClient {
  /** `GET /version`: also proves the engine answers. */
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
}

export interface EngineEventListener {
  onEvent(event: EngineEvent): void;
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
