import type { Event } from '../engine/emitter';

/**
 * Health over time (issue 12). The contract the recorder, the timeline, the notifications and the timing
 * advice share. Times are milliseconds since the epoch (engine event `timeNano` / 1e6, probe log
 * `Start`/`End` parsed). Everything here is plain data so that it can be persisted as JSON.
 */

/** What a service's lane shows over a span of time. `running` = running without a healthcheck. */
export type LaneStatus = 'starting' | 'healthy' | 'unhealthy' | 'running' | 'paused' | 'stopped';

/** A status change of one container, as the event stream told it. */
export interface StatusChange {
  at: number;
  containerId: string;
  status: LaneStatus;
}

/**
 * Point events on a lane. `died` carries the exit code (engine `die` event `exitCode`); `restarted` is a
 * `start` of a container that had died or stopped before (restart policy or `docker restart`);
 * `recreated` is the first `start` of a new container under a service that had another one.
 */
export type MarkKind = 'created' | 'started' | 'restarted' | 'recreated' | 'died' | 'killed' | 'oom';

export interface LaneMark {
  at: number;
  containerId: string;
  kind: MarkKind;
  exitCode?: number;
}

/** Why a probe failed, in a word (see classify.ts). */
export type FailureClass =
  | 'command-not-found'
  | 'timeout'
  | 'connection-refused'
  | 'dns'
  | 'http-status'
  | 'permission-denied'
  | 'other';

export interface FailureExplanation {
  kind: FailureClass;
  /** A short noun phrase: `command not found`, `timed out`, `HTTP 503`. */
  label: string;
  /** One line of advice for this case, e.g. `curl is not in this image — try Suggest a healthcheck`. */
  advice: string;
}

/** One probe result as Docker reported it in `State.Health.Log` (merged across inspects, never duplicated). */
export interface ProbeRecord {
  containerId: string;
  start: number;
  end: number;
  exitCode: number;
  /** As Docker keeps it (at most 4 KiB, moby daemon/health.go maxOutputLen). */
  output: string;
}

/** One service's story: every container it has had, in one lane. */
export interface ServiceLane {
  project: string;
  service: string;
  /** Oldest first. */
  changes: StatusChange[];
  marks: LaneMark[];
  probes: ProbeRecord[];
}

/**
 * A lane's key. A lane is a service's story by Compose project and service name: the same project on
 * two engines shares one lane.
 */
export function laneKey(project: string, service: string): string {
  return `${project}/${service}`;
}

/** What a consumer of the history reads. Implemented by the history store (history/store.ts). */
export interface HealthHistory {
  /** Lanes of a project (every service seen), in service-name order. */
  lanes(project: string): ServiceLane[];
  lane(project: string, service: string): ServiceLane | undefined;
  /** Projects that have any history. */
  projects(): string[];
  /** Fires after each recorded change with the `project/service` keys it touched. */
  readonly onDidRecord: Event<ReadonlySet<string>>;
}
