import { classifyProbe } from './classify';
import type { FailureExplanation, HealthHistory, LaneStatus, ServiceLane } from './model';

/**
 * Probes that ended this shortly after a status change still count as before it: an inspect's probe log
 * and the event's time come from different clocks' readings of the same moment (moby records the result,
 * then emits the event: daemon/health.go handleProbeResult).
 */
export const PROBE_SLACK_MS = 1000;

/**
 * Why a container of the lane was failing at `at`: its newest probe up to then, if that one failed. No
 * time bound below: Docker turns a container unhealthy only after a streak of failures, so its newest
 * probe before the change is one of them, whether the change was recorded from the event (moments later)
 * or from a list after a reconnect (up to an interval later). A passing newest probe (the inspect with the
 * failures has not arrived yet) explains nothing.
 */
export function explainAt(
  lane: ServiceLane,
  containerId: string,
  at: number,
  /** The container's `Config.Healthcheck.Test` when known: it names the tool or port the output does not. */
  test?: readonly string[],
): { explanation: FailureExplanation; output?: string } | undefined {
  for (let i = lane.probes.length - 1; i >= 0; i -= 1) {
    const probe = lane.probes[i];
    if (probe.containerId !== containerId || probe.end > at + PROBE_SLACK_MS) continue;
    const explanation = classifyProbe({ exitCode: probe.exitCode, output: probe.output, test });
    if (!explanation) return undefined;
    return { explanation, output: probe.output.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() };
  }
  return undefined;
}

export interface Transition {
  at: number;
  project: string;
  service: string;
  status: LaneStatus;
  /** For a turn to unhealthy: why its probe failed, when recorded. */
  explanation?: FailureExplanation;
}

/** The newest `count` status changes over the given projects' lanes, newest first. */
export function recentTransitions(history: HealthHistory, projects: readonly string[], count: number): Transition[] {
  const all: Transition[] = [];
  for (const project of projects) {
    for (const lane of history.lanes(project)) {
      for (const change of lane.changes.slice(-count)) {
        const transition: Transition = { at: change.at, project, service: lane.service, status: change.status };
        if (change.status === 'unhealthy') transition.explanation = explainAt(lane, change.containerId, change.at)?.explanation;
        all.push(transition);
      }
    }
  }
  return all.sort((a, b) => b.at - a.at).slice(0, count);
}

/** An unhealthy episode of a service: from the moment one of its containers turned unhealthy until none is. */
export interface Episode {
  /** When the service turned unhealthy (the status change's time). */
  since: number;
  /** The container whose turn started it. */
  containerId: string;
}

/**
 * The ongoing unhealthy episode of a lane, if the service is unhealthy now. A container that was asked to
 * stop (a `killed` mark since its last start: `docker stop`, `kill`, `restart`, `compose down`) is not
 * unhealthy on its own account, so a check failing while it shuts down starts no episode.
 */
export function currentEpisode(lane: ServiceLane): Episode | undefined {
  const status = new Map<string, LaneStatus>();
  const killed = new Set<string>();
  let episode: Episode | undefined;
  // One walk over changes and marks in time order (both are kept oldest first); a mark at the same time
  // as a change goes first, as the kill precedes the status it causes.
  let m = 0;
  for (const change of lane.changes) {
    for (; m < lane.marks.length && lane.marks[m].at <= change.at; m += 1) {
      const mark = lane.marks[m];
      if (mark.kind === 'killed') killed.add(mark.containerId);
      else if (mark.kind === 'started' || mark.kind === 'restarted' || mark.kind === 'recreated') killed.delete(mark.containerId);
    }
    const unhealthy = change.status === 'unhealthy' && !killed.has(change.containerId);
    status.set(change.containerId, unhealthy ? 'unhealthy' : change.status === 'unhealthy' ? 'stopped' : change.status);
    const anyUnhealthy = [...status.values()].includes('unhealthy');
    if (!anyUnhealthy) episode = undefined;
    else if (!episode) episode = { since: change.at, containerId: change.containerId };
  }
  return episode;
}
