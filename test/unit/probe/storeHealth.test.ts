import * as assert from 'node:assert/strict';
import { serviceKey, type HealthChange } from '../../../src/core/health/model';
import { HealthStore } from '../../../src/core/health/store';
import { projectContainers } from '../../../src/core/probe/locator';
import { liveHealthFromStore } from '../../../src/probe/storeHealth';
import { container, event } from '../engine/fakes';

/** The one engine these tests' store knows. */
const ENGINE = 'unix:///s';

const connected = { kind: 'connected' as const, url: 'unix:///s', version: { version: '1', apiVersion: '1.41', flavor: 'docker' as const }, origin: 'platform default' };
const shop = { project: 'shop', workingDir: '/src/shop', configFiles: ['/src/shop/compose.yaml', '/src/shop/compose.override.yaml'] };
const web = container('w1', 'shop', 'web', { compose: { ...shop, service: 'web', containerNumber: 1 }, health: 'healthy' });
const db = container('d1', 'shop', 'db', { name: 'shop-db-1', compose: { ...shop, service: 'db', containerNumber: 1 }, state: 'exited' });
const other = container('o1', 'other', 'web', { name: 'other-web-1', compose: { project: 'other', service: 'web', oneOff: true } });

describe("the lenses' live source over the health store", () => {
  it('lists nothing until the engine is connected and the store resynchronised', () => {
    const store = new HealthStore();
    const live = liveHealthFromStore(store, () => ENGINE);
    assert.equal(live.containers('/src/shop/compose.yaml'), undefined);
    store.dispatch({ type: 'engine', engineId: ENGINE, status: { kind: 'connecting', url: 'unix:///s' } });
    assert.equal(live.containers('/src/shop/compose.yaml'), undefined);
    store.dispatch({ type: 'resync', engineId: ENGINE, containers: [web, db], engine: connected });
    assert.deepEqual(live.containers('/src/shop/compose.yaml')?.map((c) => [c.id, c.state]), [['w1', 'running'], ['d1', 'exited']]);
    store.dispatch({ type: 'engine', engineId: ENGINE, status: { kind: 'down', url: 'unix:///s', problem: { message: 'gone', hint: 'start it' } } });
    assert.equal(live.containers('/src/shop/compose.yaml'), undefined, 'the engine was lost: its list says nothing');
  });

  it('lists containers with the Compose labels the locator matches a file by', () => {
    const store = new HealthStore();
    store.dispatch({ type: 'resync', engineId: ENGINE, containers: [web, db, other], engine: connected });
    const listed = liveHealthFromStore(store, () => ENGINE).containers('/src/shop/compose.yaml')!;
    const found = projectContainers([...listed], { file: '/src/shop/compose.override.yaml', projectName: 'unrelated', baseFiles: [] });
    assert.deepEqual(found.map((c) => c.name), ['shop-db-1', 'shop-web-1']);
    assert.deepEqual(found[1].labels, {
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': 'web',
      'com.docker.compose.project.working_dir': '/src/shop',
      'com.docker.compose.project.config_files': '/src/shop/compose.yaml,/src/shop/compose.override.yaml',
      'com.docker.compose.container-number': '1',
    });
    assert.equal(listed.find((c) => c.id === 'o1')!.labels['com.docker.compose.oneoff'], 'True');
  });

  it('hands on store changes merged: the first at once, those that follow together', async () => {
    const store = new HealthStore();
    store.dispatch({ type: 'resync', engineId: ENGINE, containers: [web, db], engine: connected });
    const live = liveHealthFromStore(store, () => ENGINE);
    const seen: HealthChange[] = [];
    let second: () => void = () => undefined;
    const merged = new Promise<void>((resolve) => (second = resolve));
    const subscription = live.onDidChange((change) => {
      seen.push(change);
      if (seen.length === 2) second();
    });
    store.dispatch({ type: 'event', engineId: ENGINE, event: event('health_status', 'w1', { health: 'unhealthy' }) });
    store.dispatch({ type: 'event', engineId: ENGINE, event: event('health_status', 'w1', { health: 'healthy' }) });
    store.dispatch({ type: 'event', engineId: ENGINE, event: event('start', 'd1') });
    assert.equal(seen.length, 1, 'the first change goes out at once');
    await merged;
    subscription.dispose();
    assert.deepEqual([...seen[1].services].sort(), [serviceKey(ENGINE, 'shop', 'db'), serviceKey(ENGINE, 'shop', 'web')]);
    assert.equal(live.lookup('w1')?.status, 'healthy');
  });
});
