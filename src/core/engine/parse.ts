import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import { COMPOSE_LABELS, resolveConfigFiles } from '../identity/labels';
import type {
  ComposeLabels,
  ContainerDetails,
  ContainerState,
  ContainerSummary,
  EngineEvent,
  EngineEventAction,
  EngineVersion,
  Health,
  InspectedContainer,
  ProbeResult,
} from './types';

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
  'oom',
  'exec_died',
];

/**
 * Podman's names. Its compat `/events` filters on its own event names (libpod `events/filters.go`)
 * and only then rewrites `died` to Docker's `die` (podman 4.3 `pkg/api/handlers/compat/events.go`);
 * a removal stays `remove`. Seen on Podman 4.3.1: with `event=die` no die event arrives at all.
 * `exec_died` is asked for because Podman 4.3.1 writes its `health_status` event when a probe
 * starts, carrying the status from before it; the probe's result is in the inspect only once its
 * exec has ended, which `exec_died` announces (seen here: an inspect on `health_status` still shows
 * the old status and log, one on `exec_died` the new ones). Docker never emits these names (its
 * own is `exec_die`, which moby's prefix match does not confuse with `exec_died`), so asking
 * for them costs it nothing.
 */
const PODMAN_ACTIONS: Readonly<Record<string, EngineEventAction>> = { died: 'die', remove: 'destroy', exec_died: 'exec_died' };

/**
 * The `/events` filter, the same for every engine. moby `daemon/events/filter.go` matches
 * `health_status` as a prefix of `health_status: healthy`, so the engine itself drops the exec events
 * of every probe. There is no `label` filter: Podman 4.3 matches a label filter only as `key=value`
 * (libpod `events/filters.go`), so `label=com.docker.compose.project` let no event through at all
 * and the tree never changed after the first list. Both engines put the container's labels in the
 * event's attributes, so `parseEngineEvent` tells Compose containers apart instead.
 */
export const EVENTS_FILTER = { type: ['container' as const], event: [...new Set([...WATCHED_ACTIONS, ...Object.keys(PODMAN_ACTIONS)])] };

/**
 * Docker's filter: the same container events plus Swarm's `service` and `node` events (actions `create`,
 * `update`, `remove`: moby `daemon/cluster/...` LogServiceEvent/LogNodeEvent), so that one stream per
 * engine also feeds the Swarm view (`SwarmMonitor`). On an engine not in a swarm they never come. A
 * container `update` (`docker update`) passes too and is ignored by `parseEngineEvent`. Podman's
 * compat `/events` is given `EVENTS_FILTER` alone: libpod knows no `service` or `node` event type.
 */
export const DOCKER_EVENTS_FILTER = {
  type: ['container' as const, 'service' as const, 'node' as const],
  event: [...new Set([...EVENTS_FILTER.event, 'update', 'remove'])],
};

export interface RawVersion {
  Version: string;
  ApiVersion: string;
  Os?: string;
  Components?: Array<{ Name?: string }>;
}

/**
 * `GET /version`, read once per connection. Podman names itself only in the first component
 * (`"Podman Engine"`; its `Platform.Name` is the OS, e.g. `linux/amd64/debian-12`, seen on 4.3.1),
 * and reports API 1.41 like Engine 20.10, so the flavour is the only way to tell the two apart.
 */
export function parseVersion(raw: RawVersion): EngineVersion {
  const product = raw.Components?.[0]?.Name;
  const version: EngineVersion = { version: raw.Version, apiVersion: raw.ApiVersion, flavor: product && /podman/i.test(product) ? 'podman' : 'docker' };
  if (raw.Os) version.os = raw.Os;
  if (product) version.product = product;
  return version;
}

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
  // Podman gives a container without a healthcheck `Health: {Status: ""}` (seen on 4.3.1); Docker leaves it out.
  if (health?.Status) {
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
  // Docker writes `health_status: healthy`; Podman writes a bare `health_status` (see below).
  const colon = raw.Action.indexOf(':');
  const name = colon === -1 ? raw.Action : raw.Action.slice(0, colon);
  const action = PODMAN_ACTIONS[name] ?? (name as EngineEventAction);
  if (!WATCHED_ACTIONS.includes(action)) return undefined;
  const attributes = raw.Actor?.Attributes ?? {};
  const event: EngineEvent = { action, containerId, timeNano: raw.timeNano ?? (raw.time ?? 0) * 1e9 };
  if (attributes.name) event.name = attributes.name;
  if (attributes.image) event.image = attributes.image;
  // Container events carry the container's labels among their attributes (moby `daemon/events.go`;
  // Podman 4.3.1 too, seen here). The filter has no label clause, so events of containers Compose did
  // not make arrive as well: the store ignores a container it does not know that has no Compose labels.
  const compose = composeLabels(attributes);
  if (compose) event.compose = compose;
  // Docker's `health_status: <status>` is the new status. Podman 4.3's bare `health_status` is written as
  // a probe starts and carries the status from before it (its `HealthStatus`), and it can reach the
  // stream after the `exec_died` whose inspect already read the probe's result: taken as the health, it
  // set a healthy container back to `starting` until the next probe (seen in CI: starting → healthy →
  // starting → healthy → unhealthy). So it carries no health here; the inspect it triggers does (monitor.ts).
  if (action === 'health_status' && colon !== -1) {
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
