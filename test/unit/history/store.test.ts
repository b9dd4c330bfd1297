import * as assert from 'node:assert/strict';
import type { ContainerDetails, EngineEvent, ProbeResult } from '../../../src/core/engine/types';
import type { EngineStatus } from '../../../src/core/health/model';
import { HealthStore } from '../../../src/core/health/store';
import { DEFAULT_HISTORY_LIMITS, HistoryStore, parseEngineTime, type HistoryLimits } from '../../../src/core/history/store';
import { container, event } from '../engine/fakes';

/** The one engine these tests' store knows. */
const ENGINE = 'unix:///s';

const T0 = Date.parse('2026-12-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '123456Z');
const connected: EngineStatus = { kind: 'connected', url: 'unix:///s', version: { version: '1', apiVersion: '1.41', flavor: 'docker' }, origin: 'platform default' };
const compose = (service: string, number = 1) => ({ project: 'shop', service, containerNumber: number });

/** The pure health store feeding a history store, on a clock the test moves. */
function setup(limits?: HistoryLimits) {
  let now = T0;
  const health = new HealthStore();
  const history = new HistoryStore({ now: () => now, limits });
  const recorded: string[][] = [];
  history.onDidRecord((keys) => recorded.push([...keys]));
  health.onDidApply((applied) => history.apply(applied));
  const at = (ms: number) => (now = T0 + ms);
  const emit = (action: EngineEvent['action'], id: string, ms: number, patch: Partial<EngineEvent> = {}) => {
    at(ms);
    health.dispatch({ type: 'event', engineId: ENGINE, event: event(action, id, { timeNano: (T0 + ms) * 1e6, ...patch }) });
  };
  const details = (id: string, ms: number, patch: Partial<ContainerDetails>) => {
    at(ms);
    const record = health.container(id)!;
    health.dispatch({ type: 'details', id, details: container(id, record.compose.project, record.compose.service, { compose: record.compose, ...patch }), requestSeq: health.state.seq });
  };
  return { health, history, recorded, at, emit, details };
}

const probe = (startMs: number, exitCode: number, output = exitCode === 0 ? 'ok' : 'refused'): ProbeResult => ({
  start: iso(T0 + startMs),
  end: iso(T0 + startMs + 50),
  exitCode,
  output,
});
const statuses = (h: HistoryStore, service = 'web') => h.lane('shop', service)?.changes.map((c) => `${c.status}@${c.at - T0}`);
const marks = (h: HistoryStore, service = 'web') => h.lane('shop', service)?.marks.map((m) => `${m.kind}${m.exitCode === undefined ? '' : `(${m.exitCode})`}@${m.at - T0}`);

describe('health history store', () => {
  it('follows a Docker container through starting → healthy → unhealthy → died → restarted, each probe once', () => {
    const { health, history, emit, details } = setup();
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [], engine: connected });
    emit('create', 'w1', 0, { compose: compose('web') });
    // The create's inspect shows a healthcheck: the start then means starting (no `health_status: starting` on Docker).
    details('w1', 5, { state: 'created', healthcheck: { test: ['CMD-SHELL', 'true'] } });
    emit('start', 'w1', 10);
    details('w1', 20, { health: 'starting', startedAt: iso(T0 + 9) });
    emit('health_status', 'w1', 1100, { health: 'healthy' });
    details('w1', 1110, { health: 'healthy', probeLog: [probe(1000, 0)] });
    emit('health_status', 'w1', 5100, { health: 'unhealthy' });
    // Five entries at most, overlapping the first inspect's.
    details('w1', 5110, { health: 'unhealthy', failingStreak: 3, probeLog: [probe(1000, 0), probe(2000, 0), probe(3000, 1), probe(4000, 1), probe(5000, 1)] });
    emit('kill', 'w1', 6000);
    emit('die', 'w1', 6010, { exitCode: 137 });
    emit('stop', 'w1', 6020);
    emit('start', 'w1', 7000);
    // A restarted container is starting again and keeps its old log (moby daemon/health.go).
    details('w1', 7010, { health: 'starting', startedAt: iso(T0 + 6999), probeLog: [probe(2000, 0), probe(3000, 1), probe(4000, 1), probe(5000, 1)] });

    assert.deepEqual(statuses(history), ['starting@10', 'healthy@1100', 'unhealthy@5100', 'stopped@6010', 'starting@7000']);
    assert.deepEqual(marks(history), ['created@0', 'started@10', 'killed@6000', 'died(137)@6010', 'restarted@7000']);
    const probes = history.lane('shop', 'web')!.probes;
    assert.deepEqual(
      probes.map((p) => [p.start - T0, p.end - T0, p.exitCode, p.output]),
      [
        [1000, 1050, 0, 'ok'],
        [2000, 2050, 0, 'ok'],
        [3000, 3050, 1, 'refused'],
        [4000, 4050, 1, 'refused'],
        [5000, 5050, 1, 'refused'],
      ],
    );
    assert.ok(probes.every((p) => p.containerId === 'w1'));
  });

  it('a start seen before anything said there is a healthcheck is corrected to starting by the inspect that follows', () => {
    const { health, history, emit, details, recorded } = setup();
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [], engine: connected });
    emit('create', 'w1', 0, { compose: compose('web') });
    emit('start', 'w1', 10);
    assert.deepEqual(statuses(history), ['running@10']);
    const before = recorded.length;
    details('w1', 30, { health: 'starting', startedAt: iso(T0 + 9), healthcheck: { test: ['CMD', 'true'] } });
    assert.deepEqual(statuses(history), ['starting@10']);
    // The correction is announced, so a lane drawn as running is redrawn as starting.
    assert.deepEqual(recorded.slice(before), [['shop/web']]);
  });

  it('a container recreated under the same service continues its lane with a recreated mark; a second replica is just started', () => {
    const { health, history, emit } = setup();
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [container('w1', 'shop', 'web', { health: 'healthy' })], engine: connected });
    emit('kill', 'w1', 100);
    emit('die', 'w1', 110, { exitCode: 0 });
    emit('destroy', 'w1', 120);
    emit('create', 'w2', 200, { compose: compose('web') });
    emit('start', 'w2', 210);
    emit('create', 'w3', 300, { compose: compose('web', 2) });
    emit('start', 'w3', 310);
    assert.deepEqual(marks(history), ['killed@100', 'died(0)@110', 'created@200', 'recreated@210', 'created@300', 'started@310']);
    assert.deepEqual(
      history.lane('shop', 'web')!.changes.map((c) => `${c.containerId}:${c.status}`),
      ['w1:healthy', 'w1:stopped', 'w2:running', 'w3:running'],
    );
    assert.deepEqual(history.lanes('shop').map((l) => l.service), ['web']);
    assert.deepEqual(history.projects(), ['shop']);
  });

  it('after a reconnect the resync records what changed meanwhile, at its own time', () => {
    const { health, history, at } = setup();
    at(0);
    health.dispatch({
      type: 'resync', engineId: ENGINE,
      containers: [container('w1', 'shop', 'web', { health: 'healthy' }), container('d1', 'shop', 'db'), container('q1', 'shop', 'queue', { health: 'healthy' })],
      engine: connected,
    });
    // The engine goes away: the health store forgets its containers, the history does not record them stopped.
    at(1000);
    health.dispatch({ type: 'engine', engineId: ENGINE, status: { kind: 'connecting', url: 'unix:///s' } });
    assert.deepEqual(statuses(history), ['healthy@0']);
    at(9000);
    health.dispatch({
      type: 'resync', engineId: ENGINE,
      containers: [
        container('w1', 'shop', 'web', { state: 'exited', exitCode: 1, status: 'Exited (1)' }),
        container('d1', 'shop', 'db'),
        container('q2', 'shop', 'queue', { health: 'starting' }),
      ],
      engine: connected,
    });
    assert.deepEqual(statuses(history), ['healthy@0', 'stopped@9000']);
    assert.deepEqual(marks(history), ['died(1)@9000']);
    assert.deepEqual(statuses(history, 'db'), ['running@0'], 'unchanged: nothing recorded');
    assert.deepEqual(
      history.lane('shop', 'queue')!.changes.map((c) => `${c.containerId}:${c.status}@${c.at - T0}`),
      ['q1:healthy@0', 'q2:starting@9000', 'q1:stopped@9000'],
    );
    assert.deepEqual(marks(history, 'queue'), ['recreated@9000']);
    // The same list again (the Refresh command): nothing new.
    const before = history.size().records;
    at(10_000);
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [container('w1', 'shop', 'web', { state: 'exited', exitCode: 1 }), container('d1', 'shop', 'db'), container('q2', 'shop', 'queue', { health: 'starting' })], engine: connected });
    assert.equal(history.size().records, before);
  });

  it("on Podman the list's missing health records nothing; the inspect after each probe records the change at the probe's end", () => {
    const { health, history, emit, details, at } = setup();
    at(0);
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [container('w1', 'shop', 'web')], engine: connected, listLacksHealth: true });
    assert.equal(history.lane('shop', 'web'), undefined, 'running without health is not yet known to be "running without a check"');
    // Starting since it started (State.StartedAt), before the list.
    details('w1', 50, { health: 'starting', startedAt: iso(T0 - 500), healthcheck: { test: ['CMD-SHELL', 'true'] } });
    // Podman 4.3 writes health_status when a probe starts, with the status from before it.
    emit('health_status', 'w1', 1000, { health: 'starting' });
    emit('exec_died', 'w1', 1040);
    details('w1', 1060, { health: 'healthy', probeLog: [probe(1000, 0)] });
    emit('health_status', 'w1', 2000, { health: 'healthy' });
    emit('exec_died', 'w1', 2040);
    details('w1', 2060, { health: 'unhealthy', probeLog: [probe(1000, 0), probe(2000, 1)] });
    assert.deepEqual(statuses(history), ['starting@-500', 'healthy@1050', 'unhealthy@2050']);
    assert.equal(history.lane('shop', 'web')!.probes.length, 2);
    // After a reconnect Podman's list again lacks health: the lane keeps `unhealthy`, not a `running`.
    health.dispatch({ type: 'engine', engineId: ENGINE, status: { kind: 'connecting' } });
    at(5000);
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [container('w1', 'shop', 'web')], engine: connected, listLacksHealth: true });
    assert.deepEqual(statuses(history), ['starting@-500', 'healthy@1050', 'unhealthy@2050']);
  });

  it('marks an OOM kill and a pause, and records nothing for a non-Compose container', () => {
    const { health, history, emit } = setup();
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [container('w1', 'shop', 'web')], engine: connected });
    emit('pause', 'w1', 100);
    emit('unpause', 'w1', 200);
    emit('oom', 'w1', 300);
    emit('die', 'w1', 310, { exitCode: 137 });
    emit('start', 'x1', 400);
    assert.deepEqual(statuses(history), ['running@0', 'paused@100', 'running@200', 'stopped@310']);
    assert.deepEqual(marks(history), ['oom@300', 'died(137)@310']);
    assert.deepEqual(history.projects(), ['shop']);
  });

  it('fires onDidRecord once per action that recorded something, with the lanes it touched', () => {
    const { health, recorded, emit } = setup();
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [container('w1', 'shop', 'web'), container('d1', 'shop', 'db')], engine: connected });
    emit('rename', 'w1', 10, { name: 'x' });
    emit('kill', 'd1', 20);
    assert.deepEqual(recorded, [['shop/web', 'shop/db'], ['shop/db']]);
  });

  it('keeps 24 hours: older records go as new ones arrive, in every lane', () => {
    const { health, history, emit, at } = setup();
    at(0);
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [container('w1', 'shop', 'web'), container('d1', 'shop', 'db')], engine: connected });
    emit('kill', 'd1', 20_000);
    const day = 24 * 3600_000;
    emit('kill', 'w1', day + 30_000);
    assert.deepEqual(marks(history, 'web'), [`killed@${day + 30_000}`]);
    assert.deepEqual(statuses(history, 'web'), [], 'the running since T0 is older than a day');
    assert.equal(history.lane('shop', 'db'), undefined, 'a lane left empty goes too');
    assert.equal(history.size().records, 1);
  });

  it('caps each lane per kind, and shares the totals equally among the lanes, oldest first', () => {
    const limits: HistoryLimits = { ...DEFAULT_HISTORY_LIMITS, perLane: { changes: 10, marks: 5, probes: 3 }, total: { records: 40, outputChars: 500 } };
    const { health, history, emit, details } = setup(limits);
    const services = ['a', 'b', 'c', 'd', 'e'];
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: services.map((s) => container(s, 'shop', s, { health: 'healthy' })), engine: connected });
    for (let i = 1; i <= 20; i++) for (const s of services) emit('health_status', s, i * 1000, { health: i % 2 ? 'unhealthy' : 'healthy' });
    // 21 changes each: 10 by the per-lane cap, 8 by the lane's share of the 40 records.
    for (const s of services) assert.deepEqual(statuses(history, s)?.map((c) => c.split('@')[1]), ['13000', '14000', '15000', '16000', '17000', '18000', '19000', '20000'], s);
    assert.equal(history.size().records, 40);
    // 10 kills: 5 by the cap on marks; the lane's share then leaves room for 3 of its older changes.
    for (let i = 0; i < 10; i++) emit('kill', 'a', 30_000 + i);
    assert.deepEqual(marks(history, 'a'), ['killed@30005', 'killed@30006', 'killed@30007', 'killed@30008', 'killed@30009']);
    assert.equal(history.lane('shop', 'a')!.changes.length, 3);
    // Probes of 40 characters: 3 by the cap on probes, then the older changes give way, then the lane's
    // share of the output (100 characters) keeps the newest two.
    details('a', 40_000, { health: 'healthy', probeLog: ['x', 'y', 'z', 'w'].map((o, i) => probe(39_000 + i * 100, 0, o.repeat(40))) });
    const lane = history.lane('shop', 'a')!;
    assert.deepEqual(lane.probes.map((p) => p.output[0]), ['z', 'w']);
    assert.deepEqual([lane.changes.length, lane.marks.length], [0, 5]);
    assert.equal(history.size().outputChars, 80);
    assert.equal(history.size().records, 32 + 7);
  });

  it("over a lane's share of output, older probes keep the head of theirs, then the oldest go; the newest stays whole", () => {
    const limits: HistoryLimits = { ...DEFAULT_HISTORY_LIMITS, total: { records: 1000, outputChars: 1500 } };
    const { health, history, details } = setup(limits);
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [container('w1', 'shop', 'web', { health: 'unhealthy' })], engine: connected });
    details('w1', 10_000, { health: 'unhealthy', probeLog: [1000, 2000, 3000].map((at, i) => probe(at, 1, `${'abc'[i]}${'x'.repeat(999)}`)) });
    const probes = history.lane('shop', 'web')!.probes;
    // 3 × 1000 > 1500: the two older are cut to 256 characters + '…' (1514), then the oldest goes.
    assert.deepEqual(probes.map((p) => [p.start - T0, p.output.length, p.output[0]]), [[2000, 257, 'b'], [3000, 1000, 'c']]);
    assert.ok(probes[0]!.output.endsWith('…'));
    assert.equal(history.size().outputChars, 1257);
    // A single probe over the share is kept whole.
    details('w1', 20_000, { health: 'unhealthy', probeLog: [probe(19_000, 1, 'y'.repeat(4096))] });
    assert.equal(history.lane('shop', 'web')!.probes.at(-1)!.output.length, 4096);
  });

  it('serialises to versioned JSON and back; the restored history still knows each container', () => {
    const { health, history, emit, details } = setup();
    health.dispatch({ type: 'resync', engineId: ENGINE, containers: [], engine: connected });
    emit('create', 'w1', 0, { compose: compose('web') });
    emit('start', 'w1', 10);
    details('w1', 20, { health: 'starting', startedAt: iso(T0 + 9), healthcheck: { test: ['CMD', 'true'] }, probeLog: [] });
    emit('health_status', 'w1', 1100, { health: 'unhealthy' });
    details('w1', 1110, { health: 'unhealthy', probeLog: [probe(1000, 1, 'exec: "curl": executable file not found in $PATH')] });
    emit('die', 'w1', 2000, { exitCode: 2 });

    const json = JSON.parse(JSON.stringify(history.serialize())) as unknown;
    assert.equal((json as { version: number }).version, 1);
    const again = setup();
    assert.equal(again.history.restore(json), undefined);
    assert.deepEqual(again.history.lanes('shop'), history.lanes('shop'));
    // After a reload: the same container starts again (a restart) with its old log; nothing is recorded twice.
    again.health.dispatch({ type: 'resync', engineId: ENGINE, containers: [container('w1', 'shop', 'web', { state: 'exited', exitCode: 2 })], engine: connected });
    again.emit('start', 'w1', 3000);
    again.details('w1', 3010, { health: 'starting', startedAt: iso(T0 + 2999), probeLog: [probe(1000, 1, 'exec: "curl": executable file not found in $PATH')] });
    assert.deepEqual(marks(again.history), ['created@0', 'started@10', 'died(2)@2000', 'restarted@3000']);
    assert.equal(again.history.lane('shop', 'web')!.probes.length, 1);
  });

  it('refuses another format version or a non-object, and skips malformed records', () => {
    const history = new HistoryStore({ now: () => T0 });
    assert.match(history.restore({ version: 2, lanes: [] }) ?? '', /format version 2; this version of Compose Health reads version 1/);
    assert.match(history.restore([1, 2]) ?? '', /not a JSON object/);
    const problem = history.restore({
      version: 1,
      savedAt: T0,
      lanes: [{ project: 'p', service: 's', containers: ['c'], changes: [[T0, 0, 'healthy'], [T0, 5, 'healthy'], ['x', 0, 'healthy'], [T0, 0, 'weird']], marks: [[T0, 0, 'died', 3]], probes: [[T0, T0, 0, 1]] }],
    });
    assert.equal(problem, undefined);
    const lane = history.lane('p', 's')!;
    assert.deepEqual([lane.changes.length, lane.marks.length, lane.probes.length], [1, 1, 0]);
    assert.equal(lane.marks[0]?.exitCode, 3);
  });

  it('reads the engine times of Docker, Podman and Go', () => {
    assert.equal(parseEngineTime('2026-12-02T10:00:00.123456789Z'), T0 + 123);
    assert.equal(parseEngineTime('2026-12-02T11:00:00.5+01:00'), T0 + 500);
    assert.equal(parseEngineTime('2026-12-02 10:00:00.25 +0000 UTC'), T0 + 250);
    assert.equal(parseEngineTime(''), undefined);
  });
});

describe('health store onDidApply', () => {
  it('fires for every action, also when nothing shown changed, before onDidChange', () => {
    const store = new HealthStore();
    const seen: string[] = [];
    store.onDidApply(({ action, before, after }) => seen.push(`apply ${action.type} ${before.seq}→${after.seq}`));
    store.onDidChange(() => seen.push('change'));
    store.dispatch({ type: 'resync', engineId: ENGINE, containers: [container('w1', 'shop', 'web')], engine: connected });
    store.dispatch({ type: 'event', engineId: ENGINE, event: event('kill', 'w1') });
    assert.deepEqual(seen, ['apply resync 0→1', 'change', 'apply event 1→1']);
  });
});
