import * as assert from 'node:assert/strict';
import { EMPTY_STATE, serviceKey, type HealthAction, type HealthState } from '../../../src/core/health/model';
import { reduce } from '../../../src/core/health/reducer';
import { container, event } from '../engine/fakes';

/** The one engine these tests' store knows. */
const ENGINE = 'unix:///s';

const connected = { kind: 'connected' as const, url: 'unix:///s', version: { version: '1', apiVersion: '1.41', flavor: 'docker' as const }, origin: 'platform default' };

function run(actions: HealthAction[], from: HealthState = EMPTY_STATE) {
  let state = from;
  const changes = [];
  for (const action of actions) {
    const r = reduce(state, action);
    state = r.state;
    changes.push(r.change);
  }
  return { state, changes };
}

const web1 = container('w1', 'shop', 'web', { health: 'healthy', status: 'Up (healthy)' });
const web2 = container('w2', 'shop', 'web', { name: 'shop-web-2', health: 'healthy', compose: { project: 'shop', service: 'web', containerNumber: 2 } });
const db = container('d1', 'shop', 'db');
const base = () => run([{ type: 'resync', engineId: ENGINE, containers: [web1, web2, db], engine: connected }]).state;

describe('health reducer', () => {
  it("a resync from a list without health (Podman) keeps each known container's health; a Docker list's word is final", () => {
    const podmanList = [{ ...web1, health: 'none' as const }];
    assert.equal(run([{ type: 'resync', engineId: ENGINE, containers: podmanList, engine: connected, listLacksHealth: true }], base()).state.containers.get('w1')?.health, 'healthy');
    assert.equal(run([{ type: 'resync', engineId: ENGINE, containers: podmanList, engine: connected }], base()).state.containers.get('w1')?.health, 'none');
  });

  it('an ended exec changes nothing shown', () => {
    assert.equal(run([{ type: 'event', engineId: ENGINE, event: event('exec_died', 'w1') }], base()).changes[0], undefined);
  });

  it('an OOM kill changes nothing shown until the die that follows it (the history marks it)', () => {
    const { state, changes } = run([{ type: 'event', engineId: ENGINE, event: event('oom', 'w1') }], base());
    assert.equal(changes[0], undefined);
    assert.equal(state.containers.get('w1')?.state, 'running');
  });

  it('replaces every container on resync and marks the engine connected', () => {
    const { state, changes } = run([{ type: 'resync', engineId: ENGINE, containers: [web1, db], engine: connected }]);
    assert.deepEqual([...state.containers.keys()], ['w1', 'd1']);
    assert.equal(state.engines.get(ENGINE)?.kind, 'connected');
    assert.equal(changes[0]?.structural, true);
  });

  it('a health_status event updates only that container and names only its service', () => {
    const before = base();
    const { state, changes } = run([{ type: 'event', engineId: ENGINE, event: event('health_status', 'w2', { health: 'unhealthy' }) }], before);
    assert.equal(state.containers.get('w2')?.health, 'unhealthy');
    assert.equal(state.containers.get('w1'), before.containers.get('w1'), 'other containers keep their identity');
    assert.deepEqual(changes[0], { structural: false, services: new Set([serviceKey(ENGINE, 'shop', 'web')]), details: new Set() });
  });

  it('kill and stop change nothing shown: the die event carries the state', () => {
    const before = base();
    const { state, changes } = run(
      [
        { type: 'event', engineId: ENGINE, event: event('kill', 'd1') },
        { type: 'event', engineId: ENGINE, event: event('die', 'd1', { exitCode: 137 }) },
        { type: 'event', engineId: ENGINE, event: event('stop', 'd1') },
      ],
      before,
    );
    assert.equal(changes[0], undefined);
    assert.deepEqual(changes[1]?.services, new Set([serviceKey(ENGINE, 'shop', 'db')]));
    assert.equal(changes[2], undefined);
    assert.equal(state.containers.get('d1')?.state, 'exited');
    assert.equal(state.containers.get('d1')?.exitCode, 137);
  });

  it('an event repeating the known state is no change', () => {
    const { changes } = run([{ type: 'event', engineId: ENGINE, event: event('health_status', 'w1', { health: 'healthy' }) }], base());
    assert.equal(changes[0], undefined);
  });

  it('a restarted container that has a healthcheck starts over at starting', () => {
    const { state } = run(
      [
        { type: 'event', engineId: ENGINE, event: event('die', 'w1', { exitCode: 0 }) },
        { type: 'event', engineId: ENGINE, event: event('start', 'w1') },
      ],
      base(),
    );
    assert.equal(state.containers.get('w1')?.state, 'running');
    assert.equal(state.containers.get('w1')?.health, 'starting');
    assert.equal(state.containers.get('w1')?.exitCode, undefined);
  });

  it('a started container without a healthcheck stays without one', () => {
    const { state } = run([{ type: 'event', engineId: ENGINE, event: event('start', 'd1') }], base());
    assert.equal(state.containers.get('d1')?.health, 'none');
  });

  it('pause, unpause and rename update the container', () => {
    const { state } = run(
      [
        { type: 'event', engineId: ENGINE, event: event('pause', 'd1') },
        { type: 'event', engineId: ENGINE, event: event('rename', 'd1', { name: 'shop-db-renamed' }) },
      ],
      base(),
    );
    assert.equal(state.containers.get('d1')?.state, 'paused');
    assert.equal(state.containers.get('d1')?.name, 'shop-db-renamed');
    assert.equal(reduce(state, { type: 'event', engineId: ENGINE, event: event('unpause', 'd1') }).state.containers.get('d1')?.state, 'running');
  });

  it('create adds a container from the event labels; a new service is a structural change', () => {
    const { state, changes } = run([{ type: 'event', engineId: ENGINE, event: event('create', 'c9', { name: 'shop-cache-1', compose: { project: 'shop', service: 'cache' } }) }], base());
    assert.equal(state.containers.get('c9')?.state, 'created');
    assert.equal(changes[0]?.structural, true);
  });

  it('a replica of a known service is not structural', () => {
    const { changes } = run([{ type: 'event', engineId: ENGINE, event: event('create', 'w3', { name: 'shop-web-3', compose: { project: 'shop', service: 'web' } }) }], base());
    assert.deepEqual(changes[0], { structural: false, services: new Set([serviceKey(ENGINE, 'shop', 'web')]), details: new Set() });
  });

  it('destroy removes the container; the last one of a service is a structural change', () => {
    const { state, changes } = run(
      [
        { type: 'event', engineId: ENGINE, event: event('destroy', 'w2') },
        { type: 'event', engineId: ENGINE, event: event('destroy', 'd1') },
        { type: 'event', engineId: ENGINE, event: event('destroy', 'unknown') },
      ],
      base(),
    );
    assert.deepEqual([...state.containers.keys()], ['w1']);
    assert.equal(changes[0]?.structural, false);
    assert.equal(changes[1]?.structural, true);
    assert.equal(changes[2], undefined);
  });

  it('ignores events about containers it cannot place in a project', () => {
    const { state, changes } = run([{ type: 'event', engineId: ENGINE, event: event('start', 'stranger') }], base());
    assert.equal(state.containers.has('stranger'), false);
    assert.equal(changes[0], undefined);
  });

  it('details add the probe log; state from an inspect older than the last event is ignored', () => {
    const before = base();
    const requestSeq = before.seq;
    const afterEvent = reduce(before, { type: 'event', engineId: ENGINE, event: event('health_status', 'w1', { health: 'unhealthy' }) }).state;
    const log = [{ start: 's', end: 'e', exitCode: 1, output: 'down' }];
    const r = reduce(afterEvent, { type: 'details', id: 'w1', requestSeq, details: { ...web1, health: 'healthy', failingStreak: 3, probeLog: log } });
    assert.equal(r.state.containers.get('w1')?.health, 'unhealthy', 'the newer event wins');
    assert.deepEqual(r.state.containers.get('w1')?.details?.probeLog, log);
    assert.deepEqual(r.change, { structural: false, services: new Set(), details: new Set(['w1']) });
  });

  it('details from a fresh inspect also correct state and health', () => {
    const before = base();
    const r = reduce(before, { type: 'details', id: 'w1', requestSeq: before.seq, details: { ...web1, health: 'unhealthy', failingStreak: 3 } });
    assert.equal(r.state.containers.get('w1')?.health, 'unhealthy');
    assert.deepEqual(r.change?.services, new Set([serviceKey(ENGINE, 'shop', 'web')]));
  });

  it('details saying the container is gone remove it', () => {
    const before = base();
    const r = reduce(before, { type: 'details', id: 'd1', requestSeq: before.seq, details: undefined });
    assert.equal(r.state.containers.has('d1'), false);
  });

  it('an engine outage clears every container so nothing stale is shown', () => {
    const problem = { message: 'Cannot reach Docker at unix:///s: connect ENOENT', hint: '' };
    const { state, changes } = run([{ type: 'engine', engineId: ENGINE, status: { kind: 'down', url: 'unix:///s', problem } }], base());
    assert.equal(state.containers.size, 0);
    assert.equal(state.engines.get(ENGINE)?.kind, 'down');
    assert.equal(changes[0]?.structural, true);
    assert.equal(reduce(state, { type: 'engine', engineId: ENGINE, status: { kind: 'down', url: 'unix:///s', problem } }).change, undefined, 'the same outage again is no change');
  });
});
