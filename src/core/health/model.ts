import type { Range } from '../compose/range';
import type { FileIdentity } from '../identity/projectIdentity';
import type { EngineProblem } from '../engine/errors';
import type { ContainerDetails, ContainerSummary, EngineEvent, EngineVersion } from '../engine/types';

/** One Compose container as the store knows it: the list's view of it, without the status text. */
export interface ContainerRecord extends Omit<ContainerSummary, 'status'> {
  /** The engine that runs it (its `EngineId`). */
  engineId: EngineId;
  /** From the latest inspect: only fetched on hover, expand or a health event. */
  details?: ContainerDetailsPart;
  /** The store's sequence number of the last update to state/health (lets a late inspect know it is stale). */
  seq: number;
}

export type ContainerDetailsPart = Pick<ContainerDetails, 'failingStreak' | 'probeLog' | 'healthcheck' | 'startedAt'>;

/** A compose file of the workspace, reduced to what the tree needs: what decides its project, and its services. */
export interface WorkspaceComposeFile extends FileIdentity {
  services: ServiceDefinitionEntry[];
}

export interface ServiceDefinitionEntry {
  name: string;
  keyRange: Range;
  /** The `healthcheck:` key, when the service has one. */
  healthcheckKeyRange?: Range;
  /** Its `depends_on` entries (the timeline draws those with `condition: service_healthy`). */
  dependsOn?: Array<{ service: string; condition?: string }>;
}

/** Where a service is defined in the workspace. */
export interface ServiceDefinition extends ServiceDefinitionEntry {
  file: string;
}

/**
 * Which engine something belongs to: the engine's resolved address (`unix:///var/run/docker.sock`), or
 * `context:<name>` for a Docker context that does not resolve. Two entries of `composeHealth.engines`
 * with the same address are one engine.
 */
export type EngineId = string;

export type EngineStatus =
  | { kind: 'unknown' }
  | { kind: 'connecting'; url?: string }
  | { kind: 'connected'; url: string; version: EngineVersion; origin: string; /** The Docker context the address came from, if one did. */ context?: string }
  | { kind: 'down'; url?: string; problem: EngineProblem };

export interface HealthState {
  /** Every engine in use, in the order of the `composeHealth.engines` setting. */
  engines: ReadonlyMap<EngineId, EngineStatus>;
  /**
   * By container id, over all engines: an id is 64 random hex digits chosen by the daemon (moby
   * `pkg/stringid`), so two daemons do not share one.
   */
  containers: ReadonlyMap<string, ContainerRecord>;
  /** By absolute path. */
  workspaceFiles: ReadonlyMap<string, WorkspaceComposeFile>;
  /** Absolute paths of the workspace folders. */
  workspaceFolders: readonly string[];
  /** Incremented by every action. */
  seq: number;
}

export const EMPTY_STATE: HealthState = {
  engines: new Map(),
  containers: new Map(),
  workspaceFiles: new Map(),
  workspaceFolders: [],
  seq: 0,
};

export type HealthAction =
  | { type: 'engine'; engineId: EngineId; status: EngineStatus }
  /** The engine is no longer in use (the setting changed): it and its containers go. */
  | { type: 'engineRemoved'; engineId: EngineId }
  /** The list call after a (re)connect: replaces every container of that engine; the engine counts as connected from here. */
  | {
      type: 'resync';
      engineId: EngineId;
      containers: ContainerSummary[];
      engine: EngineStatus;
      /** The list carries no health (Podman): keep each known container's health until the inspect that follows. */
      listLacksHealth?: boolean;
    }
  | { type: 'event'; engineId: EngineId; event: EngineEvent }
  /** An inspect's result; `requestSeq` is the store's seq when it was asked for, undefined details = gone. */
  | { type: 'details'; id: string; details: ContainerDetails | undefined; requestSeq: number }
  | { type: 'workspaceFile'; file: WorkspaceComposeFile }
  | { type: 'workspaceFileRemoved'; file: string }
  | { type: 'workspaceFolders'; folders: string[] };

/** What changed for the views, so that they redraw only that. */
export interface HealthChange {
  /** The engine status or the set of projects / services changed: redraw everything. */
  structural: boolean;
  /** Services (by serviceKey, so per engine) whose containers' state, health or names changed. */
  services: ReadonlySet<string>;
  /** Containers whose probe log or failing streak changed. */
  details: ReadonlySet<string>;
}

/** A service on one engine: the same project may run on two engines, each its own rows. */
export function serviceKey(engineId: EngineId, project: string, service: string): string {
  return `${engineId}\0${project}/${service}`;
}

/** The parts of a `serviceKey` (a Compose project name never holds a slash: compose-spec `^[a-z0-9][a-z0-9_-]*$`). */
export function parseServiceKey(key: string): { engineId: EngineId; project: string; service: string } {
  const nul = key.indexOf('\0');
  const slash = key.indexOf('/', nul + 1);
  return { engineId: key.slice(0, nul), project: key.slice(nul + 1, slash), service: key.slice(slash + 1) };
}
