import * as assert from 'node:assert/strict';
import { PrivateDockerd } from './privateDockerd';
import { createComposeContainer, uniqueProject, onlyEngine, until, watch, type Watcher } from './support';

describe('(engine) an engine outage while watching', function () {
  this.timeout(180_000);
  const daemon = new PrivateDockerd();
  const project = uniqueProject('outage');
  let watcher: Watcher;

  before(async () => {
    await daemon.start();
    await daemon.loadTestImage();
  });

  after(async () => {
    watcher?.dispose();
    await daemon.dispose();
  });

  it('reports the outage, then the correct state with no stale or duplicate entries', async () => {
    const docker = daemon.docker();
    // web restarts with the daemon (restart policy), db does not and comes back exited.
    const web = await createComposeContainer(docker, {
      project,
      service: 'web',
      cmd: ['sleep', '3600'],
      healthcheck: { test: ['CMD', 'true'], intervalMs: 300 },
      restartPolicy: 'unless-stopped',
    });
    const db = await createComposeContainer(docker, { project, service: 'db', cmd: ['sleep', '3600'] });
    await Promise.all([web.start(), db.start()]);

    watcher = watch(daemon.url);
    const { store } = watcher;
    watcher.monitor.start();
    await until(store, () => store.service(project, 'web')?.status === 'healthy' && store.service(project, 'db')?.status === 'running', 'web healthy, db running');

    await daemon.stop();
    await until(store, () => onlyEngine(store.state).kind === 'down', 'the outage to be reported');
    assert.equal(store.state.containers.size, 0, 'nothing stale is kept while the engine is away');
    const down = onlyEngine(store.state);
    assert.ok(down.kind === 'down' && down.problem.message.includes(daemon.url), `the problem names the engine: ${JSON.stringify(down)}`);

    await daemon.start();
    await until(store, () => store.service(project, 'web')?.status === 'healthy' && store.service(project, 'db')?.status === 'exited', 'web healthy again, db exited', 60_000);

    const listed = await docker.listContainers({ all: true });
    assert.deepEqual([...store.state.containers.keys()].sort(), listed.map((c) => c.Id).sort(), 'exactly the containers the engine has');
    assert.deepEqual(
      store.projects().map((p) => p.services.map((s) => `${s.name}:${s.containers.length}`)),
      [['db:1', 'web:1']],
    );
    assert.equal(onlyEngine(store.state).kind, 'connected');
  });
});
