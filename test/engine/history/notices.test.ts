import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { UnhealthyNoticePolicy, type UnhealthyNotice } from '../../../src/core/advice/unhealthyNotices';
import { HistoryStore } from '../../../src/core/history/store';
import { currentEpisode } from '../../../src/core/history/transitions';
import { createComposeContainer, dockerAt, removeProject, onlyEngine, until, watch, type Watcher } from '../health/support';
import { untilHistory } from './support';

// The notice policy on the real recorder and engine: a container that exits is not an unhealthy episode,
// although the engine then reports its health as `unhealthy` (moby container/health.go
// CloseMonitorChannel: "unhealthy when the monitor has stopped for compatibility reasons", with a failing
// streak of 0 and no event); a container whose check fails is announced once, with its class.
describe('(engine) unhealthy notices from the real history', function () {
  this.timeout(60_000);
  const docker = dockerAt();
  const project = `health-advice-notices-${randomBytes(3).toString('hex')}`;
  let watcher: Watcher;
  let history: HistoryStore;
  let policy: UnhealthyNoticePolicy;
  const shown: UnhealthyNotice[] = [];

  before(async () => {
    watcher = watch();
    history = new HistoryStore();
    watcher.store.onDidApply((applied) => history.apply(applied));
    policy = new UnhealthyNoticePolicy({
      history,
      wanted: (p) => p === project,
      show: (notice) => shown.push(notice),
      suppressed: () => undefined,
      now: () => Date.now(),
      setTimer: (run, ms) => {
        const timer = setTimeout(run, ms);
        return { dispose: () => clearTimeout(timer) };
      },
      fetchProbes: (id) => void watcher.monitor.requestDetails(id),
      testOf: (id) => watcher.store.container(id)?.details?.healthcheck?.test,
    });
    watcher.monitor.start();
    await until(watcher.store, () => onlyEngine(watcher.store.state).kind === 'connected', 'the connection');
  });

  after(async () => {
    policy?.dispose();
    watcher?.dispose();
    await removeProject(docker, project);
  });

  it('a container that exits with a passing check is stopped, not unhealthy, though the engine says unhealthy', async () => {
    const container = await createComposeContainer(docker, {
      project,
      service: 'job',
      cmd: ['sh', '-c', 'sleep 2; exit 1'],
      healthcheck: { test: ['CMD', 'true'], intervalMs: 300 },
    });
    await container.start();
    const lane = () => history.lane(project, 'job');
    await untilHistory(history, project, () => lane()?.changes.some((c) => c.status === 'healthy') === true && lane()?.changes.at(-1)?.status === 'stopped', 'job healthy, then stopped');
    const health = (await container.inspect()).State.Health;
    assert.deepEqual([health?.Status, health?.FailingStreak], ['unhealthy', 0], `the engine's own record after the exit: ${JSON.stringify(health)}`);
    assert.ok(!lane()!.changes.some((c) => c.status === 'unhealthy'), JSON.stringify(lane()!.changes));
    assert.equal(currentEpisode(lane()!), undefined);
    assert.deepEqual(shown.filter((n) => n.service === 'job'), []);
  });

  it('a container whose check fails is announced once, with the class of its failed probe', async () => {
    const container = await createComposeContainer(docker, {
      project,
      service: 'api',
      cmd: ['sleep', '3600'],
      healthcheck: { test: ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/health'], intervalMs: 300 },
    });
    await container.start();
    await untilHistory(history, project, () => shown.some((n) => n.service === 'api'), 'the notice for api');
    const notices = shown.filter((n) => n.service === 'api');
    assert.equal(notices.length, 1);
    // The container runs without a network (NetworkMode none), so wget's connect is refused on loopback.
    assert.equal(notices[0].explanation?.kind, 'connection-refused', JSON.stringify(notices[0]));
    assert.match(notices[0].explanation!.advice, /not listening on 8080 yet/);
  });
});
