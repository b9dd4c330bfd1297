import * as assert from 'node:assert/strict';
import { RecordingStore, createComposeContainer, dockerAt, exec, removeProject, uniqueProject, onlyEngine, until, watch, type Watcher } from './support';

describe('(engine) the health store follows a Compose project through engine events', function () {
  const docker = dockerAt();
  const project = uniqueProject('life');
  let watcher: Watcher;
  let store: RecordingStore;

  before(async () => {
    store = new RecordingStore();
    watcher = watch(undefined, store);
    watcher.monitor.start();
    await until(store, () => onlyEngine(store.state).kind === 'connected', 'the connection');
  });

  after(async () => {
    watcher?.dispose();
    await removeProject(docker, project);
  });

  it('goes starting → healthy → unhealthy, and a stopped service shows exited, with one list call in all', async () => {
    // web: its check passes once /tmp/ok exists (after ~1 s); failures before that fall in the start period.
    const web = await createComposeContainer(docker, {
      project,
      service: 'web',
      cmd: ['sh', '-c', 'sleep 1; touch /tmp/ok; exec sleep 3600'],
      healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 300, retries: 1, startPeriodMs: 30_000 },
    });
    const db = await createComposeContainer(docker, { project, service: 'db', cmd: ['sleep', '3600'] });
    const worker = await createComposeContainer(docker, { project, service: 'worker', cmd: ['sleep', '3600'] });
    await Promise.all([web.start(), db.start(), worker.start()]);

    const webName = `${project}-web-1`;
    const health = () => store.service(project, 'web')?.containers[0]?.record.health;
    await until(store, () => health() === 'starting', 'web starting');
    await until(store, () => health() === 'healthy', 'web healthy');
    await exec(web, ['rm', '/tmp/ok']);
    await until(store, () => health() === 'unhealthy', 'web unhealthy');

    await worker.stop({ t: 0 });
    await until(store, () => store.service(project, 'worker')?.status === 'exited', 'worker exited');

    const steps = store.steps(webName);
    // The start event cannot say whether there is a healthcheck (Engine 20.10 emits no
    // `health_status: starting`), so `starting` comes from the inspect made on start; healthy and
    // unhealthy come from the health_status events themselves.
    const first = (health: string) => steps.find((s) => s.endsWith(`/${health}`));
    assert.equal(first('healthy'), 'event:running/healthy', steps.join(' → '));
    assert.equal(first('unhealthy'), 'event:running/unhealthy', steps.join(' → '));
    assert.ok(steps.indexOf(first('starting')!) < steps.indexOf(first('healthy')!), steps.join(' → '));
    assert.equal(store.service(project, 'db')?.description, 'running · no healthcheck');
    assert.match(store.service(project, 'worker')?.description ?? '', /^exited \(\d+\)$/);
    assert.equal(store.steps(`${project}-worker-1`).at(-1), 'event:exited/none');
    assert.equal(watcher.client()?.counts.list, 1, 'no list call after the one at connect');
    assert.equal(watcher.client()?.counts.events, 1, 'one events stream');
    void db;
  });

  it('the probe log and failing streak arrive with the inspect that follows a health event', async () => {
    const record = store.service(project, 'web')?.containers[0]?.record;
    await until(store, () => (store.container(record!.id)?.details?.failingStreak ?? 0) >= 1, 'a failing streak');
    const details = store.container(record!.id)?.details;
    assert.ok(details && details.probeLog.length > 0);
    assert.notEqual(details.probeLog.at(-1)?.exitCode, 0);
    assert.deepEqual(details.healthcheck?.test, ['CMD-SHELL', 'test -f /tmp/ok']);
  });

  it('destroying the containers removes the project from the store', async () => {
    await removeProject(docker, project);
    await until(store, () => !store.projects().some((p) => p.name === project), 'the project to vanish');
    assert.equal(watcher.client()?.counts.list, 1);
  });
});
