import * as assert from 'node:assert/strict';
import { serviceKey, type EngineStatus } from '../../../src/core/health/model';
import { enginesRunningFile } from '../../../src/core/health/select';
import { HealthStore } from '../../../src/core/health/store';
import { workspaceComposeFile } from '../../../src/core/health/workspace';
import { loadCompose } from '../../../src/core/compose/load';
import { HistoryStore } from '../../../src/core/history/store';
import { container, event } from '../engine/fakes';

const LOCAL = 'unix:///var/run/docker.sock';
const REMOTE = 'ssh://me@staging';
const connected = (url: string, version: string): EngineStatus => ({ kind: 'connected', url, version: { version, apiVersion: '1.41', flavor: 'docker' }, origin: 'setting composeHealth.engines' });
const shop = (id: string, service: string, health: 'healthy' | 'unhealthy' | 'starting') =>
  container(id, 'shop', service, { health, status: `Up (${health})`, compose: { project: 'shop', service, containerNumber: 1, workingDir: '/ws/shop', configFiles: ['/ws/shop/compose.yaml'] } });

/** The same project runs on two engines: healthy here, unhealthy there. */
function twoEngines(): HealthStore {
  const store = new HealthStore();
  store.dispatch({ type: 'workspaceFolders', folders: ['/ws'] });
  store.dispatch({ type: 'engine', engineId: LOCAL, status: { kind: 'connecting', url: LOCAL } });
  store.dispatch({ type: 'engine', engineId: REMOTE, status: { kind: 'connecting', url: REMOTE } });
  store.dispatch({ type: 'resync', engineId: LOCAL, containers: [shop('l-web', 'web', 'healthy'), shop('l-db', 'db', 'healthy')], engine: connected(LOCAL, '20.10.24') });
  store.dispatch({ type: 'resync', engineId: REMOTE, containers: [shop('r-web', 'web', 'unhealthy')], engine: connected(REMOTE, '26.1.5') });
  return store;
}

describe('one health store over several engines', () => {
  it('keeps a project that runs on two engines as two views, each with its own containers, in the order the engines came', () => {
    const projects = twoEngines().projects();
    assert.deepEqual(
      projects.map((p) => [p.engineId, p.name, p.description, p.services.map((s) => `${s.name}:${s.containers.map((c) => c.record.id).join(',')}`)]),
      [
        [LOCAL, 'shop', '2/2 healthy', ['db:l-db', 'web:l-web']],
        [REMOTE, 'shop', '0/1 healthy', ['web:r-web']],
      ],
    );
  });

  it('sums the summary over the engines', () => {
    assert.deepEqual(twoEngines().summary(), { healthy: 2, unhealthy: 1, starting: 0, checked: 3 });
  });

  it("finds a service on the engine asked for, else on the first engine that has it", () => {
    const store = twoEngines();
    assert.equal(store.service('shop', 'web', REMOTE)?.status, 'unhealthy');
    assert.equal(store.service('shop', 'web')?.engineId, LOCAL);
    assert.equal(store.service('shop', 'db', REMOTE), undefined);
  });

  it("a resync of one engine replaces only that engine's containers", () => {
    const store = twoEngines();
    store.dispatch({ type: 'resync', engineId: REMOTE, containers: [], engine: connected(REMOTE, '26.1.5') });
    assert.deepEqual([...store.state.containers.keys()].sort(), ['l-db', 'l-web']);
  });

  it("an engine that goes down loses only its own containers; the other's rows stay", () => {
    const store = twoEngines();
    store.dispatch({ type: 'engine', engineId: REMOTE, status: { kind: 'down', url: REMOTE, problem: { message: 'ssh: connect to host staging port 22: Connection refused', hint: 'Check the host.' } } });
    assert.deepEqual([...store.state.containers.keys()].sort(), ['l-db', 'l-web']);
    assert.deepEqual(
      store.projects().map((p) => p.engineId),
      [LOCAL],
    );
    assert.equal(store.state.engines.get(REMOTE)?.kind, 'down');
    assert.equal(store.state.engines.get(LOCAL)?.kind, 'connected');
  });

  it('an event names the service on its own engine, so only that row is redrawn', () => {
    const store = twoEngines();
    const change = store.dispatch({ type: 'event', engineId: REMOTE, event: event('health_status', 'r-web', { health: 'healthy' }) });
    assert.deepEqual(change, { structural: false, services: new Set([serviceKey(REMOTE, 'shop', 'web')]), details: new Set() });
    assert.equal(store.service('shop', 'web', REMOTE)?.status, 'healthy');
    assert.equal(store.service('shop', 'web', LOCAL)?.status, 'healthy');
  });

  it('a container first seen through an event belongs to the engine whose stream brought it', () => {
    const store = twoEngines();
    store.dispatch({ type: 'event', engineId: REMOTE, event: event('create', 'r-db', { compose: { project: 'shop', service: 'db' }, name: 'shop-db-1' }) });
    assert.equal(store.container('r-db')?.engineId, REMOTE);
    assert.deepEqual(
      store.service('shop', 'db', REMOTE)?.containers.map((c) => c.record.id),
      ['r-db'],
    );
  });

  it('an engine taken out of the setting goes with its containers', () => {
    const store = twoEngines();
    const change = store.dispatch({ type: 'engineRemoved', engineId: REMOTE });
    assert.equal(change?.structural, true);
    assert.deepEqual([...store.state.engines.keys()], [LOCAL]);
    assert.deepEqual([...store.state.containers.keys()].sort(), ['l-db', 'l-web']);
  });

  it("shows a workspace file's project as not created on an engine where it does not run", () => {
    const store = twoEngines();
    store.dispatch({ type: 'workspaceFile', file: workspaceComposeFile('/ws/shop/compose.yaml', loadCompose('services:\n  web:\n    image: web\n  db:\n    image: db\n  cache:\n    image: redis\n', { fileName: '/ws/shop/compose.yaml' })) });
    const remote = store.projects('workspace').find((p) => p.engineId === REMOTE);
    assert.deepEqual(
      remote?.services.map((s) => [s.name, s.description]),
      [
        ['cache', 'not created'],
        ['db', 'not created'],
        ['web', 'unhealthy'],
      ],
    );
  });

  it("the history does not take one engine's list as the end of the other engine's containers", () => {
    const store = twoEngines();
    let now = 1_000;
    const history = new HistoryStore({ now: () => now });
    store.onDidApply((applied) => history.apply(applied));
    now = 2_000;
    store.dispatch({ type: 'event', engineId: REMOTE, event: event('health_status', 'r-web', { health: 'healthy', timeNano: 2_000 * 1e6 }) });
    store.dispatch({ type: 'resync', engineId: LOCAL, containers: [shop('l-web', 'web', 'healthy'), shop('l-db', 'db', 'healthy')], engine: connected(LOCAL, '20.10.24') });
    const remoteChanges = history.lane('shop', 'web')?.changes.filter((c) => c.containerId === 'r-web') ?? [];
    assert.deepEqual(
      remoteChanges.map((c) => c.status),
      ['healthy'],
    );
    history.dispose();
  });

  it('names the engines a compose file runs on, for the probe lens and Run Probe to use', () => {
    const store = twoEngines();
    assert.deepEqual(enginesRunningFile(store.projects(), '/ws/shop/compose.yaml'), [LOCAL, REMOTE]);
    store.dispatch({ type: 'event', engineId: LOCAL, event: event('destroy', 'l-web') });
    store.dispatch({ type: 'event', engineId: LOCAL, event: event('destroy', 'l-db') });
    assert.deepEqual(enginesRunningFile(store.projects(), '/ws/shop/compose.yaml'), [REMOTE], 'the project left the first engine');
    assert.deepEqual(enginesRunningFile(store.projects(), '/ws/other/compose.yaml'), []);
  });
});
