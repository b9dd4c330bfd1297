import * as assert from 'node:assert/strict';
import { UnhealthyNoticePolicy, type NoticeLimits, type UnhealthyNotice } from '../../../src/core/advice/unhealthyNotices';
import { currentEpisode } from '../../../src/core/history/transitions';
import { Emitter } from '../../../src/core/engine/emitter';
import type { HealthHistory, LaneStatus, MarkKind, ServiceLane } from '../../../src/core/history/model';

/** A history behind our HealthHistory interface, written to by the test as the recorder would. */
class FakeHistory implements HealthHistory {
  private readonly map = new Map<string, ServiceLane>();
  private readonly emitter = new Emitter<ReadonlySet<string>>();
  readonly onDidRecord = this.emitter.event;
  lanes(project: string): ServiceLane[] {
    return [...this.map.values()].filter((l) => l.project === project);
  }
  lane(project: string, service: string): ServiceLane | undefined {
    return this.map.get(`${project}/${service}`);
  }
  projects(): string[] {
    return [...new Set([...this.map.values()].map((l) => l.project))];
  }
  private laneOf(key: string): ServiceLane {
    let lane = this.map.get(key);
    const [project, service] = key.split('/');
    if (!lane) this.map.set(key, (lane = { project, service, changes: [], marks: [], probes: [] }));
    return lane;
  }
  change(key: string, at: number, status: LaneStatus, containerId = 'c1'): void {
    this.laneOf(key).changes.push({ at, containerId, status });
    this.emitter.fire(new Set([key]));
  }
  mark(key: string, at: number, kind: MarkKind, containerId = 'c1'): void {
    this.laneOf(key).marks.push({ at, containerId, kind });
    this.emitter.fire(new Set([key]));
  }
  probe(key: string, end: number, exitCode: number, output: string, containerId = 'c1'): void {
    this.laneOf(key).probes.push({ containerId, start: end - 20, end, exitCode, output });
    this.emitter.fire(new Set([key]));
  }
}

const LIMITS: NoticeLimits = { perServiceMs: 600_000, burst: { count: 3, windowMs: 60_000 }, probeWaitMs: 3000 };

function setup(options: { wanted?: (project: string) => boolean; start?: number } = {}) {
  let now = options.start ?? 1_000_000;
  const history = new FakeHistory();
  const shown: UnhealthyNotice[] = [];
  const suppressed: string[] = [];
  const timers: { run: () => void; at: number; disposed: boolean }[] = [];
  const fetched: string[] = [];
  const policy = new UnhealthyNoticePolicy({
    history,
    wanted: options.wanted ?? (() => true),
    show: (n) => shown.push(n),
    suppressed: (n, reason) => suppressed.push(`${n.service}: ${reason}`),
    now: () => now,
    setTimer: (run, ms) => {
      const timer = { run, at: now + ms, disposed: false };
      timers.push(timer);
      return { dispose: () => (timer.disposed = true) };
    },
    fetchProbes: (id) => fetched.push(id),
    testOf: () => ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/health'],
    limits: LIMITS,
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((t) => !t.disposed && t.at <= now)) {
      t.disposed = true;
      t.run();
    }
  };
  return { history, shown, suppressed, fetched, policy, advance, now: () => now };
}

/** What the recorder writes when a container turns unhealthy: the event's change, then the inspect's probes. */
function turnUnhealthy(h: FakeHistory, key: string, at: number, output = "wget: can't connect to remote host (127.0.0.1): Connection refused\n", containerId = 'c1') {
  h.change(key, at, 'unhealthy', containerId);
  h.probe(key, at - 2, 1, output, containerId);
}

describe('unhealthy notices', () => {
  it('names the service once per episode, with the class of its failed probe', () => {
    const { history, shown, now } = setup();
    history.change('shop/api', now(), 'starting');
    history.change('shop/api', now() + 10, 'healthy');
    turnUnhealthy(history, 'shop/api', now() + 20);
    history.probe('shop/api', now() + 30, 1, 'still refused');
    assert.equal(shown.length, 1);
    assert.deepEqual([shown[0].project, shown[0].service, shown[0].explanation?.kind], ['shop', 'api', 'connection-refused']);
    assert.equal(shown[0].output, "wget: can't connect to remote host (127.0.0.1): Connection refused");
    assert.match(shown[0].explanation!.advice, /not listening on 8080/, "the port from the container's test");
  });

  it('asks for the probe log once and waits for it (an episode first seen in the list has none)', () => {
    const { history, shown, fetched, now } = setup();
    history.change('shop/api', now(), 'unhealthy', 'c9');
    history.change('shop/db', now(), 'healthy');
    assert.deepEqual(fetched, ['c9']);
    assert.equal(shown.length, 0);
    history.probe('shop/api', now() - 20_000, 6, 'curl: (6) Could not resolve host: db\n', 'c9');
    assert.deepEqual(fetched, ['c9'], 'asked once');
    assert.equal(shown[0]?.explanation?.kind, 'dns', 'a probe from long before the change (the list came an interval later) explains it');
  });

  it('waits for the inspect that brings the probes, and names the service without a class if none comes', () => {
    const { history, shown, advance, now } = setup();
    history.change('shop/api', now(), 'unhealthy');
    assert.equal(shown.length, 0, 'held until the probe log is recorded');
    advance(3000);
    assert.equal(shown.length, 1);
    assert.equal(shown[0].explanation, undefined);
  });

  it('a new episode after the service was healthy again is news, but not within the per-service limit', () => {
    const { history, shown, suppressed, advance, now } = setup();
    turnUnhealthy(history, 'shop/api', now());
    history.change('shop/api', now() + 1000, 'healthy');
    advance(60_000);
    turnUnhealthy(history, 'shop/api', now());
    assert.equal(shown.length, 1);
    assert.match(suppressed[0], /^api: it was named 60 s ago \(at most one notice per service every 10 min\)/);
    history.change('shop/api', now() + 1000, 'healthy');
    advance(600_000);
    turnUnhealthy(history, 'shop/api', now());
    assert.equal(shown.length, 2);
  });

  it('a second container turning unhealthy in the same episode is not a new one', () => {
    const { history, shown, now } = setup();
    turnUnhealthy(history, 'shop/worker', now(), 'exit 1', 'c1');
    turnUnhealthy(history, 'shop/worker', now() + 100, 'exit 1', 'c2');
    history.change('shop/worker', now() + 200, 'healthy', 'c1');
    assert.equal(shown.length, 1);
  });

  it('at most 3 notices a minute over all services; the rest go to the log', () => {
    const { history, shown, suppressed, advance, now } = setup();
    for (const s of ['a', 'b', 'c', 'd']) turnUnhealthy(history, `shop/${s}`, now());
    assert.deepEqual(shown.map((n) => n.service), ['a', 'b', 'c']);
    assert.deepEqual(suppressed, ['d: 3 services were named in the last 60 s']);
    advance(60_000);
    turnUnhealthy(history, 'shop/e', now());
    assert.equal(shown.at(-1)?.service, 'e');
  });

  it('nothing for a container stopped on purpose: stop is not unhealthy, and a check failing after a kill is not either', () => {
    const { history, shown, now } = setup();
    history.change('shop/api', now(), 'healthy');
    history.mark('shop/api', now() + 10, 'killed');
    turnUnhealthy(history, 'shop/api', now() + 20);
    history.change('shop/api', now() + 30, 'stopped');
    assert.equal(shown.length, 0);
    history.mark('shop/api', now() + 40, 'restarted');
    history.change('shop/api', now() + 40, 'starting');
    turnUnhealthy(history, 'shop/api', now() + 50);
    assert.equal(shown.length, 1, 'after the restart it counts again');
  });

  it('only the projects the setting wants', () => {
    const { history, shown, now } = setup({ wanted: (p) => p === 'mine' });
    turnUnhealthy(history, 'theirs/api', now());
    turnUnhealthy(history, 'mine/api', now());
    assert.deepEqual(shown.map((n) => n.project), ['mine']);
  });

  it('an episode that began before the window opened (restored history) is not news', () => {
    const { history, shown, now } = setup();
    turnUnhealthy(history, 'shop/api', now() - 3_600_000);
    assert.equal(shown.length, 0);
  });

  it('an episode over before its probes arrived is dropped', () => {
    const { history, shown, advance, now } = setup();
    history.change('shop/api', now(), 'unhealthy');
    history.change('shop/api', now() + 500, 'healthy');
    advance(5000);
    assert.equal(shown.length, 0);
  });

  it('currentEpisode: from the first container turning unhealthy until none is', () => {
    const lane: ServiceLane = {
      project: 'p',
      service: 's',
      marks: [],
      probes: [],
      changes: [
        { at: 1, containerId: 'a', status: 'unhealthy' },
        { at: 2, containerId: 'b', status: 'unhealthy' },
        { at: 3, containerId: 'a', status: 'healthy' },
      ],
    };
    assert.deepEqual(currentEpisode(lane), { since: 1, containerId: 'a' });
    lane.changes.push({ at: 4, containerId: 'b', status: 'stopped' });
    assert.equal(currentEpisode(lane), undefined);
  });
});
