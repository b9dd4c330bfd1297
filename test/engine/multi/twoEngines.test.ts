import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { HealthStore } from '../../../src/core/health/store';
import { createComposeContainer, dockerAt, exec, removeProject, until, watch, type Watcher } from '../health/support';
import { StallingProxy } from './stallingProxy';

/** The system's Engine 20.10, and Engine 26 on its private socket (test/support/engine26.mjs). */
const SYSTEM = 'unix:///var/run/docker.sock';
const ENGINE26 = 'unix:///run/compose-health-engine26/docker.sock';

/**
 * Two real engines feeding one store, as the extension runs them (one connection and monitor per
 * engine, src/engine/sharedEngine.ts). Engine 26 is reached through a proxy that can cut and hold its
 * connections, so it can be made unreachable without stopping a daemon others share.
 */
describe('(engine) two engines at once', function () {
  this.timeout(180_000);
  // The same project name on both engines: each engine's view of it is its own.
  const project = `chmulti14${randomBytes(3).toString('hex')}`;
  const proxy = new StallingProxy(`/tmp/chmulti14-${process.pid}.sock`, ENGINE26.slice('unix://'.length));
  const system = dockerAt(SYSTEM);
  const engine26 = dockerAt(ENGINE26);
  const watchers: Watcher[] = [];
  let onSystem: Docker.Container;
  let on26: Docker.Container;
  let started = false;

  before(async function () {
    // The engine tier runs once per engine; only its Engine 26 pass has both engines up.
    if (process.env.DOCKER_HOST !== ENGINE26) this.skip();
    started = true;
    await proxy.listen();
    // Healthy while /tmp/ok exists: removing or creating it flips the health at the next probe.
    const spec = { project, service: 'web', cmd: ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'], healthcheck: { test: ['CMD', 'test', '-f', '/tmp/ok'], intervalMs: 500 } };
    [onSystem, on26] = await Promise.all([createComposeContainer(system, spec), createComposeContainer(engine26, spec)]);
    await Promise.all([onSystem.start(), on26.start()]);
  });

  after(async () => {
    // A pass that skipped the suite started nothing, and its engine may have no Engine 26 to ask (CI's
    // Engine 20.10 pass on a fresh machine: connect ENOENT on Engine 26's socket).
    if (!started) return;
    for (const w of watchers) w.dispose();
    await proxy.close();
    await Promise.all([removeProject(system, project), removeProject(engine26, project)]);
  });

  it('keeps both streams live, each health change under its own engine, and an unreachable engine holds up no other', async () => {
    const store = new HealthStore();
    watchers.push(watch(SYSTEM, store), watch(proxy.url, store));
    for (const w of watchers) w.monitor.start();
    const status = (engineId: string) => store.service(project, 'web', engineId)?.status;

    await until(store, () => status(SYSTEM) === 'healthy' && status(proxy.url) === 'healthy', 'web healthy on both engines');
    assert.equal(store.container(onSystem.id)?.engineId, SYSTEM);
    assert.equal(store.container(on26.id)?.engineId, proxy.url);
    assert.deepEqual(
      store.projects().filter((p) => p.name === project).map((p) => p.engineId),
      [SYSTEM, proxy.url],
      'one view of the project per engine, in the order the engines came',
    );
    assert.equal(proxy.count('GET /events'), 1, 'Engine 26 has its own single events stream');

    // A health change on each engine reaches the store under that engine only.
    await exec(on26, ['rm', '/tmp/ok']);
    await until(store, () => status(proxy.url) === 'unhealthy', 'web unhealthy on Engine 26');
    assert.equal(status(SYSTEM), 'healthy', "Engine 26's change is not the system engine's");
    await exec(onSystem, ['rm', '/tmp/ok']);
    await until(store, () => status(SYSTEM) === 'unhealthy', 'web unhealthy on Engine 20.10');

    // Engine 26 becomes unreachable: its stream is cut and its reconnects hang unanswered.
    proxy.stall();
    await until(store, () => store.state.engines.get(proxy.url)?.kind === 'down', 'Engine 26 reported unreachable');
    assert.equal(store.container(on26.id), undefined, "the unreachable engine's containers are not kept");
    await proxy.whenHeld();
    // While a request to Engine 26 hangs, the system engine's next change still comes through.
    await exec(onSystem, ['touch', '/tmp/ok']);
    await until(store, () => status(SYSTEM) === 'healthy', 'web healthy again on Engine 20.10 while Engine 26 hangs');
    assert.ok(proxy.held > 0, 'a request to Engine 26 was still unanswered when the other engine’s change arrived');
    assert.notEqual(store.state.engines.get(proxy.url)?.kind, 'connected');

    // Reachable again: Engine 26 reconnects on its own, lists what changed meanwhile and streams again.
    await exec(on26, ['touch', '/tmp/ok']);
    proxy.resume();
    await until(store, () => store.state.engines.get(proxy.url)?.kind === 'connected' && status(proxy.url) === 'healthy', 'Engine 26 back, web healthy there', 60_000);
    await exec(on26, ['rm', '/tmp/ok']);
    await until(store, () => status(proxy.url) === 'unhealthy', 'a new change on Engine 26 after the reconnect');
    assert.equal(status(SYSTEM), 'healthy');
  });
});
