import * as assert from 'node:assert/strict';
import { HistoryStore, parseEngineTime } from '../../../src/core/history/store';
import { compareWithEngineLog, untilHistory } from '../history/support';
import { createComposeContainer, dockerAt, exec, removeProject, onlyEngine, until, watch, type Watcher } from '../health/support';
import { PODMAN_HOST, podmanHealthcheckRun, uniquePodmanProject } from './support';

// The health history on Podman 4.3: its `health_status` event comes when a probe starts and carries the
// status from before it, so each change is recorded from the inspect after the probe's exec died, at
// the end of the probe that made it; its list carries no health. Probes are run with
// `podman healthcheck run` (Podman schedules them only through systemd).
describe('(engine, Podman) the health history records what Podman reports', function () {
  const docker = dockerAt(PODMAN_HOST);
  const project = uniquePodmanProject('history');
  const webName = `${project}-web-1`;
  let watcher: Watcher;
  let history: HistoryStore;

  before(async () => {
    watcher = watch(PODMAN_HOST);
    history = new HistoryStore();
    watcher.store.onDidApply((applied) => history.apply(applied));
    watcher.monitor.start();
    await until(watcher.store, () => onlyEngine(watcher.store.state).kind === 'connected', 'the connection');
  });

  after(async () => {
    watcher?.dispose();
    history?.dispose();
    await removeProject(docker, project);
  });

  it('starting → healthy → unhealthy at the ends of the probes that decided them, each probe once', async () => {
    const web = await createComposeContainer(docker, { project, service: 'web', cmd: ['sleep', '3600'], healthcheck: { test: ['CMD-SHELL', 'cat /tmp/ok'], intervalMs: 60_000, retries: 1 } });
    await web.start();
    const lane = () => history.lane(project, 'web');
    const statuses = () => lane()?.changes.map((c) => c.status) ?? [];
    await untilHistory(history, project, () => statuses().includes('starting'), 'starting');
    await exec(web, ['sh', '-c', 'echo ready > /tmp/ok']);
    assert.equal(await podmanHealthcheckRun(webName), 0);
    await untilHistory(history, project, () => statuses().includes('healthy'), 'healthy');
    await exec(web, ['rm', '/tmp/ok']);
    assert.equal(await podmanHealthcheckRun(webName), 1);
    await untilHistory(history, project, () => statuses().includes('unhealthy') && lane()!.probes.length >= 2, 'unhealthy with both probes');

    assert.deepEqual(statuses(), ['starting', 'healthy', 'unhealthy']);
    const inspected = await web.inspect();
    const log = inspected.State.Health!.Log;
    compareWithEngineLog(lane()!, inspected.Id, log);
    // At the end of the probe that decided it (from the inspect), or at its start should Podman's event
    // already carry the new status: within the probe either way.
    const changes = lane()!.changes;
    const within = (at: number, entry: { Start: string; End: string }) => at >= Math.floor(parseEngineTime(entry.Start)!) && at <= parseEngineTime(entry.End)!;
    assert.ok(within(changes[1]!.at, log.at(-2)!), `healthy at ${changes[1]!.at}, during the passing probe ${JSON.stringify(log.at(-2))}`);
    assert.ok(within(changes[2]!.at, log.at(-1)!), `unhealthy at ${changes[2]!.at}, during the failing probe ${JSON.stringify(log.at(-1))}`);
    assert.deepEqual(lane()!.marks.map((m) => m.kind), ['created', 'started']);
  });
});
