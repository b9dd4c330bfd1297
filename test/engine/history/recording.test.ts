import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { HistoryStore, parseEngineTime } from '../../../src/core/history/store';
import { compareWithEngineLog, untilHistory } from './support';
import { createComposeContainer, dockerAt, exec, removeProject, onlyEngine, until, watch, type Watcher } from '../health/support';

/** Every object these tests create starts with the branch's name (the daemon is shared). */
const project = `historystore${randomBytes(3).toString('hex')}`;

interface RawEvent {
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  timeNano: number;
}

/** The engine's own account of the project's containers: an events stream of our own, beside the monitor's. */
async function collectEvents(docker: Docker): Promise<{ events: RawEvent[]; close(): void }> {
  const stream = (await docker.getEvents({ filters: { type: ['container'], label: [`com.docker.compose.project=${project}`] } })) as NodeJS.ReadableStream & { destroy(): void };
  const events: RawEvent[] = [];
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) events.push(JSON.parse(line) as RawEvent);
  });
  return { events, close: () => stream.destroy() };
}

describe('(engine) the health history follows real containers through their lives', function () {
  this.timeout(120_000);
  const docker = dockerAt();
  let watcher: Watcher;
  let history: HistoryStore;
  let engineEvents: Awaited<ReturnType<typeof collectEvents>>;

  before(async () => {
    engineEvents = await collectEvents(docker);
    watcher = watch();
    history = new HistoryStore();
    // As src/history/register.ts wires it: every action the health store applies, nothing else.
    watcher.store.onDidApply((applied) => history.apply(applied));
    watcher.monitor.start();
    await until(watcher.store, () => onlyEngine(watcher.store.state).kind === 'connected', 'the connection');
  });

  after(async () => {
    engineEvents?.close();
    watcher?.dispose();
    history?.dispose();
    await removeProject(docker, project);
  });

  let web: Docker.Container;
  const lane = () => history.lane(project, 'web');
  const statuses = () => lane()?.changes.map((c) => c.status) ?? [];

  it('records starting → healthy → unhealthy with the probes of Docker’s own log, each once', async () => {
    web = await createComposeContainer(docker, {
      project,
      service: 'web',
      cmd: ['sh', '-c', 'sleep 1; touch /tmp/ok; exec sleep 3600'],
      healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok || { echo missing; exit 1; }'], intervalMs: 300, retries: 1, startPeriodMs: 30_000 },
    });
    await web.start();
    await untilHistory(history, project, () => statuses().includes('healthy'), 'healthy');
    await exec(web, ['rm', '/tmp/ok']);
    await untilHistory(history, project, () => statuses().includes('unhealthy') && lane()!.probes.some((p) => p.exitCode === 1), 'unhealthy with its failing probe');
    assert.deepEqual(statuses(), ['starting', 'healthy', 'unhealthy']);
    const id = (await web.inspect()).Id;
    assert.deepEqual(lane()!.marks.map((m) => m.kind), ['created', 'started']);
    const failing = lane()!.probes.find((p) => p.exitCode === 1)!;
    assert.equal(failing.output, 'missing\n');
    compareWithEngineLog(lane()!, id, (await web.inspect()).State.Health!.Log);
  });

  it('a docker restart is a restarted mark, starting again, and its kept log is not recorded twice', async () => {
    const probesBefore = lane()!.probes.length;
    await web.restart({ t: 0 });
    const restartedAt = () => lane()!.marks.find((m) => m.kind === 'restarted')?.at ?? Infinity;
    await untilHistory(
      history,
      project,
      () => statuses().at(-1) === 'healthy' && lane()!.probes.some((p) => p.start > restartedAt() && p.exitCode === 0),
      'restarted and healthy again, with the probe that said so',
    );
    const inspected = await web.inspect();
    // Docker keeps the log across the restart (seen on Engine 20.10 and 26).
    assert.ok(inspected.State.Health!.Log.some((e) => parseEngineTime(e.Start)! < parseEngineTime(inspected.State.StartedAt)!), 'the old log is kept');
    assert.deepEqual(statuses().slice(2), ['unhealthy', 'stopped', 'starting', 'healthy']);
    // `docker restart -t 0` sends SIGTERM, then SIGKILL at once: each is a `kill` event (moby daemon/stop.go).
    assert.deepEqual(lane()!.marks.map((m) => m.kind).filter((k) => k !== 'killed'), ['created', 'started', 'died', 'restarted']);
    assert.ok(lane()!.marks.some((m) => m.kind === 'killed'));
    assert.equal(lane()!.marks.find((m) => m.kind === 'died')?.exitCode, 137);
    assert.ok(lane()!.probes.length > probesBefore);
    compareWithEngineLog(lane()!, inspected.Id, inspected.State.Health!.Log);
  });

  it('a restart policy’s restarts are died and restarted marks with the exit code', async () => {
    const crash = await createComposeContainer(docker, { project, service: 'crash', cmd: ['sh', '-c', 'sleep 0.5; exit 3'], restartPolicy: 'unless-stopped' });
    await crash.start();
    const marks = () => history.lane(project, 'crash')?.marks ?? [];
    await untilHistory(history, project, () => marks().filter((m) => m.kind === 'restarted').length >= 2, 'two restarts');
    const seen = [...marks()];
    const kinds = seen.map((m) => m.kind);
    // A stop is final under `unless-stopped`, also while the policy waits to restart it (moby restartmanager).
    await crash.stop({ t: 0 }).catch(() => undefined);
    // It may have exited by itself just before: settled once it is exited and the history has a mark for
    // every create/start/die/kill our own events stream saw (no single event says "no more restarts").
    const id = (await crash.inspect()).Id;
    const marked = () => engineEvents.events.filter((e) => e.Actor.ID === id && ['create', 'start', 'die', 'kill'].includes(e.Action)).length;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
      if ((await crash.inspect()).State.Status === 'exited' && marks().length === marked()) break;
    }
    assert.equal(marks().length, marked(), 'a mark for each event');
    assert.equal(marks().at(-1)?.kind, 'died');
    assert.deepEqual(kinds.slice(0, 6), ['created', 'started', 'died', 'restarted', 'died', 'restarted']);
    assert.ok(seen.filter((m) => m.kind === 'died').every((m) => m.exitCode === 3));
    assert.ok(history.lane(project, 'crash')!.changes.every((c) => c.status === 'running' || c.status === 'stopped'), 'no healthcheck: running and stopped only');
  });

  it('matches the engine events: every mark and every health_status at the event’s time', async () => {
    // Our own stream may lag the monitor's by a moment: wait until it has seen what the history has.
    const recordedStarts = () => history.lanes(project).flatMap((l) => l.marks).filter((m) => m.kind === 'started' || m.kind === 'restarted').length;
    for (const deadline = Date.now() + 10_000; engineEvents.events.filter((e) => e.Action === 'start').length < recordedStarts() && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const service of ['web', 'crash']) {
      const l = history.lane(project, service)!;
      const ids = new Set(l.marks.map((m) => m.containerId));
      const events = engineEvents.events.filter((e) => ids.has(e.Actor.ID));
      const until = Math.max(...l.marks.map((m) => m.at));
      const expected = events
        .filter((e) => ['create', 'start', 'die', 'kill'].includes(e.Action) && Math.round(e.timeNano / 1e6) <= until)
        .map((e) => `${e.Action}@${Math.round(e.timeNano / 1e6)}${e.Action === 'die' ? `(${e.Actor.Attributes.exitCode})` : ''}`);
      const kindToAction = { created: 'create', started: 'start', restarted: 'start', recreated: 'start', died: 'die', killed: 'kill', oom: 'oom' } as const;
      assert.deepEqual(
        l.marks.map((m) => `${kindToAction[m.kind]}@${m.at}${m.kind === 'died' ? `(${m.exitCode})` : ''}`),
        expected,
        service,
      );
      const health = events.filter((e) => e.Action.startsWith('health_status')).map((e) => `${e.Action.slice('health_status: '.length)}@${Math.round(e.timeNano / 1e6)}`);
      assert.deepEqual(
        l.changes.filter((c) => c.status === 'healthy' || c.status === 'unhealthy').map((c) => `${c.status}@${c.at}`),
        health,
        `${service}: Engine 20.10 and 26 emit no health_status: starting, only healthy/unhealthy`,
      );
    }
  });

  it('records nothing and asks the engine nothing while the health stays the same', async () => {
    // The daemon is shared: other work's Compose containers have events and inspects of their own.
    const ours = new Set((await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })).map((c) => c.Id));
    const client = watcher.client()!;
    const requests = () => ({ list: client.counts.list, events: client.counts.events, inspect: client.inspected.filter((id) => ours.has(id)).length });
    const counts = requests();
    const recorded = () => history.lanes(project).reduce((n, l) => n + l.changes.length + l.marks.length + l.probes.length, 0);
    const records = recorded();
    // No event says "a probe passed again": poll Docker's log (our own requests) until three more probes ran.
    const seen = (await web.inspect()).State.Health!.Log.at(-1)!.Start;
    let newer = 0;
    for (const deadline = Date.now() + 15_000; newer < 3 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      newer = (await web.inspect()).State.Health!.Log.filter((e) => e.Start > seen).length;
    }
    assert.ok(newer >= 3, 'Docker kept probing');
    assert.deepEqual(requests(), counts, 'no engine request about the project');
    assert.equal(recorded(), records, 'nothing recorded');
  });
});
