import type { Range } from '../compose/range';
import type { FileIdentity } from '../identity/projectIdentity';
import type { EngineProblem } from '../engine/errors';
import type { ContainerDetails, ContainerSummary, EngineEvent, EngineVersion } from '../engine/types';

/** One Compose container as the store knows it: the list's view of it, without the status text. */
export interface ContainerRecord extends Omit<ContainerSummary, 'status'> {
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

export type EngineStatus =
  | { kind: 'unknown' }
  | { kind: 'connecting'; url?: string }
  | { kind: 'connected'; url: string; version: EngineVersion; origin: string }
  | { kind: 'down'; url?: string; problem: EngineProblem };

export interface HealthState {
  engine: EngineStatus;
  containers: ReadonlyMap<string, ContainerRecord>;
  /** By absolute path. */
  workspaceFiles: ReadonlyMap<string, WorkspaceComposeFile>;
  /** Absolute paths of the workspace folders. */
  workspaceFolders: readonly string[];
  /** Incremented by every action. */
  seq: number;
}

export const EMPTY_STATE: HealthState = {
  engine: { kind: 'unknown' },
  containers: new Map(),
  workspaceFiles: new Map(),
  workspaceFolders: [],
  seq: 0,
};

export type HealthAction =
  | { type: 'engine'; status: EngineStatus }
  /** The list call after a (re)connect: replaces every container; the engine counts as connected from here. */
  | {
      type: 'resync';
      containers: ContainerSummary[];
      engine: EngineStatus;
      /** The list carries no health (Podman): keep each known container's health until the inspect that follows. */
      listLacksHealth?: boolean;
    }
  | { type: 'event'; event: EngineEvent }
  /** An inspect's result; `requestSeq` is the store's seq when it was asked for, undefined details = gone. */
  | { type: 'details'; id: string; details: ContainerDetails | undefined; requestSeq: number }
  | { type: 'workspaceFile'; file: WorkspaceComposeFile }
  | { type: 'workspaceFileRemoved'; file: string }
  | { type: 'workspaceFolders'; folders: string[] };

/** What changed for the views, so that they redraw only that. */
export interface HealthChange {
  /** The engine status or the set of projects / services changed: redraw everything. */
  structural: boolean;
  /** Services (by serviceKey) whose containers' state, health or names changed. */
  services: ReadonlySet<string>;
  /** Containers whose probe log or failing streak changed. */
  details: ReadonlySet<string>;
}

export function serviceKey(project: string, service: string): string {
  return `${project}/${service}`;
}
