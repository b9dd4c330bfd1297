import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import { COMPOSE_LABELS, resolveConfigFiles } from '../identity/labels';
import type { ProbeContainer } from '../probe/engine';
import type { ComposeLabels, ContainerDetails, ContainerState, ContainerSummary, EngineEvent, EngineEventAction, Health, ProbeResult } from './types';

/** The label every Compose container carries (docker/compose `pkg/api/labels.go` ProjectLabel). */
export const PROJECT_LABEL = COMPOSE_LABELS.project;

/** The container events that can change what is shown; exec_* events (one trio per probe) are not asked for. */
export const WATCHED_ACTIONS: readonly EngineEventAction[] = [
  'create',
  'start',
  'die',
  'stop',
  'kill',
  'pause',
  'unpause',
  'rename',
  'destroy',
  'health_status',
];

/**
 * The `/events` filter. moby `daemon/events/filter.go` matches `health_status` as a prefix of
 * `health_status: healthy`, so the engine itself drops the exec events of every probe.
 */
export const EVENTS_FILTER = { type: ['container' as const], label: [PROJECT_LABEL], event: [...WATCHED_ACTIONS] };

export function composeLabels(labels: Readonly<Record<string, string>> | undefined): ComposeLabels | undefined {
  const project = labels?.[COMPOSE_LABELS.project];
  const service = labels?.[COMPOSE_LABELS.service];
  if (!labels || !project || !service) return undefined;
  const result: ComposeLabels = { project, service };
  const workingDir = labels[COMPOSE_LABELS.workingDir];
  if (workingDir) result.workingDir = workingDir;
  const configFiles = resolveConfigFiles(labels[COMPOSE_LABELS.configFiles], workingDir);
  if (configFiles.length > 0) result.configFiles = configFiles;
  const number = Number(labels[COMPOSE_LABELS.containerNumber]);
  if (Number.isInteger(number) && number > 0) result.containerNumber = number;
  if (labels[COMPOSE_LABELS.oneOff] === 'True') result.oneOff = true;
  return result;
}

/**
 * The list call (API ≤ 1.51) gives health only inside the status text that moby `container/state.go`
 * String() writes: `Up 2 minutes (healthy)`, `(unhealthy)`, `(health: starting)`.
 */
export function healthFromStatus(status: string): Health {
  const match = /\((healthy|unhealthy|health: starting)\)/.exec(status);
  if (!match) return 'none';
  return match[1] === 'health: starting' ? 'starting' : (match[1] as Health);
}

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

function stateOf(value: unknown): ContainerState {
  return STATES.includes(value as ContainerState) ? (value as ContainerState) : 'exited';
}

function healthOf(value: unknown): Health {
  return value === 'starting' || value === 'healthy' || value === 'unhealthy' ? value : 'none';
}

interface RawSummary {
  Id: string;
  Names?: string[];
  Image?: string;
  Labels?: Record<string, string>;
  State?: string;
  Status?: string;
  /** Engines with API ≥ 1.52 add it; older ones only have the status text. */
  Health?: { Status?: string };
}

export function parseContainerSummary(raw: RawSummary): ContainerSummary | undefined {
  const compose = composeLabels(raw.Labels);
  if (!compose) return undefined;
  const status = raw.Status ?? '';
  const summary: ContainerSummary = {
    id: raw.Id,
    name: (raw.Names?.[0] ?? raw.Id.slice(0, 12)).replace(/^\//, ''),
    image: raw.Image ?? '',
    compose,
    state: stateOf(raw.State),
    health: raw.Health?.Status ? healthOf(raw.Health.Status) : healthFromStatus(status),
    status,
  };
  // moby container/state.go: `Exited (137) 5 seconds ago`.
  const exited = /^Exited \((-?\d+)\)/.exec(status);
  if (exited) summary.exitCode = Number(exited[1]);
  return summary;
}

/** `Config.Healthcheck` of a container or image inspect (moby api/types/container.HealthConfig). */
export interface RawHealthConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

/** The engine's HealthConfig (durations in ns, 0 = unset) in the compose model's form. */
export function fromEngineHealthcheck(check: RawHealthConfig): HealthcheckSpec {
  const spec: HealthcheckSpec = {};
  if (check.Test) spec.test = check.Test;
  if (check.Interval) spec.intervalNs = check.Interval;
  if (check.Timeout) spec.timeoutNs = check.Timeout;
  if (check.StartPeriod) spec.startPeriodNs = check.StartPeriod;
  if (check.StartInterval) spec.startIntervalNs = check.StartInterval;
  if (check.Retries) spec.retries = check.Retries;
  return spec;
}

export interface RawInspect {
  Id: string;
  Name?: string;
  /** The ID of the image the container was created from. */
  Image?: string;
  Config?: {
    Image?: string;
    Labels?: Record<string, string>;
    User?: string;
    WorkingDir?: string;
    Shell?: string[] | null;
    Healthcheck?: RawHealthConfig;
  };
  State?: {
    Status?: string;
    Running?: boolean;
    Paused?: boolean;
    Dead?: boolean;
    ExitCode?: number;
    StartedAt?: string;
    Health?: { Status?: string; FailingStreak?: number; Log?: Array<{ Start?: string; End?: string; ExitCode?: number; Output?: string }> };
  };
}

/** One container inspect, parsed once: the probe uses it as it is, the tree through `containerDetails`. */
export interface InspectedContainer extends ProbeContainer {
  /** The image as the container was created with it (`Config.Image`), e.g. `postgres:16`. */
  image: string;
  state: ContainerState;
  /** `State.Status` as the engine wrote it. */
  status: string;
  exitCode?: number;
  startedAt?: string;
}

export function parseInspect(raw: RawInspect): InspectedContainer {
  const config = raw.Config ?? {};
  const state = raw.State ?? {};
  const health = state.Health;
  const container: InspectedContainer = {
    id: raw.Id,
    name: (raw.Name ?? raw.Id.slice(0, 12)).replace(/^\//, ''),
    imageId: raw.Image ?? '',
    image: config.Image ?? '',
    state: stateOf(state.Status),
    status: state.Status ?? '',
    // A forced removal marks the container `removing` before it kills it (moby daemon/delete.go
    // cleanupContainer), so a probe killed by the removal must not see it as still running.
    running: state.Running === true && state.Status !== 'removing' && !state.Dead,
    paused: state.Paused === true,
    user: config.User ?? '',
    workingDir: config.WorkingDir ?? '',
    labels: config.Labels ?? {},
  };
  if (config.Shell) container.shell = config.Shell;
  if (config.Healthcheck) container.healthcheck = fromEngineHealthcheck(config.Healthcheck);
  if (health) {
    container.health = {
      status: health.Status ?? '',
      failingStreak: health.FailingStreak ?? 0,
      log: (health.Log ?? []).map(
        (entry): ProbeResult => ({ start: entry.Start ?? '', end: entry.End ?? '', exitCode: entry.ExitCode ?? -1, output: entry.Output ?? '' }),
      ),
    };
  }
  if (state.ExitCode !== undefined) container.exitCode = state.ExitCode;
  if (state.StartedAt) container.startedAt = state.StartedAt;
  return container;
}

/** The tree's view of an inspect; undefined for a container that Compose did not create. */
export function containerDetails(container: InspectedContainer): ContainerDetails | undefined {
  const compose = composeLabels(container.labels);
  if (!compose) return undefined;
  const details: ContainerDetails = {
    id: container.id,
    name: container.name,
    image: container.image,
    compose,
    state: container.state,
    health: healthOf(container.health?.status),
    status: container.status,
    failingStreak: container.health?.failingStreak ?? 0,
    probeLog: container.health?.log ?? [],
  };
  if (container.exitCode !== undefined) details.exitCode = container.exitCode;
  if (container.startedAt) details.startedAt = container.startedAt;
  if (container.healthcheck) details.healthcheck = container.healthcheck;
  return details;
}

export function parseContainerDetails(raw: RawInspect): ContainerDetails | undefined {
  return containerDetails(parseInspect(raw));
}

interface RawEvent {
  Type?: string;
  Action?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/** One `/events` message, or undefined for anything that is not a watched container event. */
export function parseEngineEvent(raw: RawEvent): EngineEvent | undefined {
  if (raw.Type !== 'container' || !raw.Action) return undefined;
  const containerId = raw.Actor?.ID ?? raw.id;
  if (!containerId) return undefined;
  const colon = raw.Action.indexOf(':');
  const action = (colon === -1 ? raw.Action : raw.Action.slice(0, colon)) as EngineEventAction;
  if (!WATCHED_ACTIONS.includes(action)) return undefined;
  const attributes = raw.Actor?.Attributes ?? {};
  const event: EngineEvent = { action, containerId, timeNano: raw.timeNano ?? (raw.time ?? 0) * 1e9 };
  if (attributes.name) event.name = attributes.name;
  if (attributes.image) event.image = attributes.image;
  // Container events carry the container's labels among their attributes (moby `daemon/events.go`).
  const compose = composeLabels(attributes);
  if (compose) event.compose = compose;
  if (action === 'health_status') {
    const status = healthOf(raw.Action.slice(colon + 1).trim());
    if (status === 'none') return undefined;
    event.health = status;
  }
  if (action === 'die' && attributes.exitCode !== undefined) event.exitCode = Number(attributes.exitCode);
  return event;
}

/** Splits the events stream into JSON messages; the engine writes one per line but chunks may split them. */
export class JsonLineSplitter {
  private pending = '';

  push(chunk: string): unknown[] {
    this.pending += chunk;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    const messages: unknown[] = [];
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        messages.push(JSON.parse(line));
      } catch {
        // A malformed line is skipped rather than ending the stream; the next resync corrects the state.
      }
    }
    return messages;
  }
}
