import type { FailureExplanation, HealthHistory, ServiceLane } from '../history/model';
import { currentEpisode, explainAt, type Episode } from '../history/transitions';

/**
 * When to tell the user that a service turned unhealthy (issue 12, notifications). Pure: the history's
 * `onDidRecord` drives it, the clock and the one timer are injected; src/advice shows what it decides.
 */

export interface UnhealthyNotice {
  project: string;
  service: string;
  episode: Episode;
  /** Why its newest failed probe failed, when the history holds one of this episode. */
  explanation?: FailureExplanation;
  /** That probe's output, first line, for the message. */
  output?: string;
}

export interface NoticeLimits {
  /** A service is named again at most once per this many ms (a flapping service starts many episodes). */
  perServiceMs: number;
  /** At most `count` notices per `windowMs` over all services (a whole stack falling over). */
  burst: { count: number; windowMs: number };
  /** How long a new episode waits for its failed probes (the inspect that follows the health event). */
  probeWaitMs: number;
}

/** An episode that began up to this long before the policy was built (activation) is still news. */
const RECENT_MS = 5000;

export const DEFAULT_LIMITS: NoticeLimits = { perServiceMs: 10 * 60_000, burst: { count: 3, windowMs: 60_000 }, probeWaitMs: 3000 };

/** The newest failed probe of the episode's container that belongs to it, explained. */


export interface NoticePolicyDeps {
  history: HealthHistory;
  /** Whether notices are wanted for this project now (the setting: off / workspace projects / all). */
  wanted(project: string): boolean;
  show(notice: UnhealthyNotice): void;
  /** A notice held back by a limit, said in the log instead. */
  suppressed(notice: UnhealthyNotice, reason: string): void;
  now(): number;
  setTimer(run: () => void, ms: number): { dispose(): void };
  /**
   * Asks for a container's probe log (one inspect): an episode seen first in the list after a connect
   * comes with no probes, since Docker's list carries only the status and no event follows while it
   * stays unhealthy. Called once per episode that has no failed probe recorded.
   */
  fetchProbes(containerId: string): void;
  /** The container's healthcheck test, when known (it names the port or tool an output may not). */
  testOf(containerId: string): readonly string[] | undefined;
  limits?: NoticeLimits;
}

/**
 * One notice per service per unhealthy episode, at most one per service per `perServiceMs` and
 * `burst.count` per `burst.windowMs` overall. An episode that began before this policy existed (a
 * restored history, a reload) is not news.
 */
export class UnhealthyNoticePolicy {
  private readonly limits: NoticeLimits;
  private readonly createdAt: number;
  /** Per service key: the episode already dealt with (shown or suppressed). */
  private readonly handled = new Map<string, number>();
  private readonly lastShown = new Map<string, number>();
  private readonly recent: number[] = [];
  private readonly waiting = new Map<string, { since: number; timer: { dispose(): void } }>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: NoticePolicyDeps) {
    this.limits = deps.limits ?? DEFAULT_LIMITS;
    this.createdAt = deps.now();
    this.subscription = deps.history.onDidRecord((keys) => {
      for (const key of keys) this.consider(key);
    });
  }

  private consider(key: string): void {
    const slash = key.indexOf('/');
    const project = key.slice(0, slash);
    const service = key.slice(slash + 1);
    const lane = this.deps.history.lane(project, service);
    const episode = lane && currentEpisode(lane);
    const pending = this.waiting.get(key);
    if (pending && pending.since !== episode?.since) this.stopWaiting(key);
    if (!lane || !episode || this.handled.get(key) === episode.since) return;
    if (episode.since < this.createdAt - RECENT_MS || !this.deps.wanted(project)) {
      this.handled.set(key, episode.since);
      return;
    }
    const explained = this.explain(lane, episode);
    if (explained) {
      this.stopWaiting(key);
      this.decide({ project, service, episode, ...explained });
    } else if (!this.waiting.has(key)) {
      const timer = this.deps.setTimer(() => {
        this.waiting.delete(key);
        const latest = this.deps.history.lane(project, service);
        if (!latest || currentEpisode(latest)?.since !== episode.since || this.handled.get(key) === episode.since) return;
        this.decide({ project, service, episode, ...this.explain(latest, episode) });
      }, this.limits.probeWaitMs);
      this.waiting.set(key, { since: episode.since, timer });
      this.deps.fetchProbes(episode.containerId);
    }
  }

  /** The newest failed probe of the episode's container that explains it. */
  private explain(lane: ServiceLane, episode: Episode): Pick<UnhealthyNotice, 'explanation' | 'output'> | undefined {
    return explainAt(lane, episode.containerId, episode.since, this.deps.testOf(episode.containerId));
  }

  private decide(notice: UnhealthyNotice): void {
    const key = `${notice.project}/${notice.service}`;
    this.handled.set(key, notice.episode.since);
    const now = this.deps.now();
    const last = this.lastShown.get(key);
    if (last !== undefined && now - last < this.limits.perServiceMs) {
      this.deps.suppressed(notice, `it was named ${Math.round((now - last) / 1000)} s ago (at most one notice per service every ${Math.round(this.limits.perServiceMs / 60_000)} min)`);
      return;
    }
    while (this.recent.length > 0 && now - this.recent[0] >= this.limits.burst.windowMs) this.recent.shift();
    if (this.recent.length >= this.limits.burst.count) {
      this.deps.suppressed(notice, `${this.recent.length} services were named in the last ${Math.round(this.limits.burst.windowMs / 1000)} s`);
      return;
    }
    this.recent.push(now);
    this.lastShown.set(key, now);
    this.deps.show(notice);
  }

  private stopWaiting(key: string): void {
    this.waiting.get(key)?.timer.dispose();
    this.waiting.delete(key);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const key of [...this.waiting.keys()]) this.stopWaiting(key);
  }
}
