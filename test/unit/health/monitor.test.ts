import * as assert from 'node:assert/strict';
import { EngineConnection } from '../../../src/core/engine/connection';
import type { HealthChange } from '../../../src/core/health/model';
import { HealthMonitor } from '../../../src/core/health/monitor';
import { HealthStore } from '../../../src/core/health/store';
import { FakeClock, FakeEngine, container, event, settle } from '../engine/fakes';

function setup() {
  const engine = new FakeEngine();
  const clock = new FakeClock();
  const connection = new EngineConnection({ open: () => ({ ok: true, address: { url: 'unix:///fake.sock', source: { kind: 'default' } }, client: engine }), timers: clock });
  const store = new HealthStore();
  const errors: string[] = [];
  const monitor = new HealthMonitor('unix:///fake.sock', connection, store, (m) => errors.push(m));
  const changes: HealthChange[] = [];
  store.onDidChange((c) => changes.push(c));
  return { engine, clock, connection, store, monitor, changes, errors };
}

describe('health monitor', () => {
  it('on connect: one version call, one events stream, one list call, no inspect', async () => {
    const { engine, store, monitor } = setup();
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'healthy' }));
    engine.containers.set('d1', container('d1', 'shop', 'db'));
    monitor.start();
    await settle();
    assert.deepEqual(engine.calls, { version: 1, list: 1, inspect: 0, events: 1, restart: 0 });
    assert.equal(store.state.engines.get('unix:///fake.sock')?.kind, 'connected');
    assert.equal(store.service('shop', 'web')?.status, 'healthy');
  });

  it('a health event updates the store at once and then fetches the probe log with one inspect', async () => {
    const { engine, store, monitor } = setup();
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'healthy' }));
    monitor.start();
    await settle();
    const log = [{ start: 's', end: 'e', exitCode: 1, output: 'connection refused' }];
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'unhealthy', failingStreak: 3, probeLog: log }));
    engine.emit(event('health_status', 'w1', { health: 'unhealthy' }));
    assert.equal(store.container('w1')?.health, 'unhealthy', 'before any inspect');
    await settle();
    assert.equal(engine.calls.inspect, 1);
    assert.deepEqual(store.container('w1')?.details?.probeLog, log);
    assert.equal(store.container('w1')?.details?.failingStreak, 3);
  });

  it('state events that bring no new probe log cause no request', async () => {
    const { engine, monitor } = setup();
    engine.containers.set('d1', container('d1', 'shop', 'db'));
    monitor.start();
    await settle();
    engine.emit(event('die', 'd1', { exitCode: 0 }));
    engine.emit(event('pause', 'd1'));
    engine.emit(event('rename', 'd1', { name: 'x' }));
    await settle();
    assert.equal(engine.calls.inspect, 0);
  });

  it('shares one inspect between callers and inspects again when an event arrived meanwhile', async () => {
    const { engine, store, monitor } = setup();
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'healthy' }));
    monitor.start();
    await settle();
    let open!: () => void;
    engine.inspectGate = new Promise<void>((resolve) => (open = resolve));
    const a = monitor.requestDetails('w1');
    const b = monitor.requestDetails('w1');
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'unhealthy', failingStreak: 3 }));
    engine.emit(event('health_status', 'w1', { health: 'unhealthy' }));
    engine.inspectGate = undefined;
    open();
    await Promise.all([a, b]);
    await settle();
    assert.equal(engine.calls.inspect, 2);
    assert.equal(store.container('w1')?.health, 'unhealthy');
    assert.equal(store.container('w1')?.details?.failingStreak, 3);
  });

  it('events arriving during the list call are applied on top of its result', async () => {
    const { engine, connection, store, monitor } = setup();
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'starting' }));
    // The event is emitted as soon as the session exists, before the list call has answered.
    let listedBeforeEvent = 0;
    connection.onDidConnect(() => {
      listedBeforeEvent = engine.calls.list;
      engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'healthy' }));
      engine.emit(event('health_status', 'w1', { health: 'healthy' }));
    });
    const seen: string[] = [];
    store.onDidChange((c) => {
      if (c.structural || c.services.size > 0) seen.push(store.container('w1')?.health ?? 'absent');
    });
    monitor.start();
    await settle();
    assert.equal(listedBeforeEvent, 1, 'the list call was on its way when the event came');
    assert.deepEqual(seen.filter((h) => h !== 'absent'), ['starting', 'healthy'], 'the list result first, then the event on top');
    assert.equal(store.container('w1')?.health, 'healthy');
  });

  it('reports the outage with no stale containers, then resyncs with one list call when the engine returns', async () => {
    const { engine, clock, store, monitor } = setup();
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'healthy' }));
    engine.containers.set('w2', container('w2', 'shop', 'web', { name: 'shop-web-2', health: 'healthy' }));
    monitor.start();
    await settle();
    engine.stop();
    assert.equal(store.state.engines.get('unix:///fake.sock')?.kind, 'down');
    assert.equal(store.state.containers.size, 0);
    engine.containers.delete('w2');
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'unhealthy' }));
    engine.revive();
    clock.advance(250);
    await settle();
    assert.equal(store.state.engines.get('unix:///fake.sock')?.kind, 'connected');
    assert.deepEqual([...store.state.containers.keys()], ['w1']);
    assert.equal(store.container('w1')?.health, 'unhealthy');
    assert.equal(engine.calls.list, 2);
  });

  it('refresh makes one list call', async () => {
    const { engine, monitor } = setup();
    monitor.start();
    await settle();
    await monitor.refresh();
    assert.equal(engine.calls.list, 2);
  });

  it('a container first seen through an event is inspected to learn the rest', async () => {
    const { engine, store, monitor } = setup();
    monitor.start();
    await settle();
    engine.containers.set('n1', container('n1', 'shop', 'new', { health: 'starting' }));
    engine.emit(event('create', 'n1', { compose: { project: 'shop', service: 'new' }, name: 'shop-new-1' }));
    engine.emit(event('start', 'n1', { compose: { project: 'shop', service: 'new' }, name: 'shop-new-1' }));
    await settle();
    assert.equal(store.container('n1')?.health, 'starting');
    assert.ok(engine.calls.inspect >= 1);
  });
});

describe('health monitor on Podman', () => {
  const check = { test: ['CMD-SHELL', 'true'] };

  it("completes the list, which carries no health, with one inspect per running container", async () => {
    const { engine, store, monitor } = setup();
    engine.flavor = 'podman';
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'healthy', healthcheck: check }));
    engine.containers.set('d1', container('d1', 'shop', 'db'));
    engine.containers.set('x1', container('x1', 'shop', 'old', { state: 'exited', health: 'none' }));
    monitor.start();
    await settle();
    assert.deepEqual(engine.calls, { version: 1, list: 1, inspect: 2, events: 1, restart: 0 }, 'the exited container is not inspected');
    assert.equal(store.service('shop', 'web')?.status, 'healthy');
  });

  it('a refresh inspects only the containers that have a healthcheck, keeping their health meanwhile', async () => {
    const { engine, store, monitor } = setup();
    engine.flavor = 'podman';
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'healthy', healthcheck: check }));
    engine.containers.set('d1', container('d1', 'shop', 'db'));
    monitor.start();
    await settle();
    const healthSeen: string[] = [];
    store.onDidChange(() => healthSeen.push(store.container('w1')!.health));
    await monitor.refresh();
    assert.equal(engine.calls.inspect, 3, 'w1 again, not d1');
    await settle();
    assert.ok(!healthSeen.includes('none'), healthSeen.join(', '));
  });

  it("inspects a probe's result when its exec dies, only for a container with a healthcheck", async () => {
    const { engine, store, monitor } = setup();
    engine.flavor = 'podman';
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'healthy', healthcheck: check }));
    engine.containers.set('d1', container('d1', 'shop', 'db'));
    monitor.start();
    await settle();
    const inspects = engine.calls.inspect;
    // Podman writes health_status as the probe starts, with the status it had before.
    engine.emit(event('health_status', 'w1', { health: 'healthy' }));
    await settle();
    engine.containers.set('w1', container('w1', 'shop', 'web', { health: 'unhealthy', failingStreak: 1, healthcheck: check }));
    engine.emit(event('exec_died', 'w1'));
    engine.emit(event('exec_died', 'd1'));
    await settle();
    assert.equal(engine.calls.inspect, inspects + 2, 'one for health_status, one for the exec of w1, none for d1');
    assert.equal(store.container('w1')?.health, 'unhealthy');
  });
});
