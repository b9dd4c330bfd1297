import * as assert from 'node:assert/strict';
import { EngineConnection, reconnectDelay, type ConnectionState } from '../../../src/core/engine/connection';
import { FakeClock, FakeEngine, event, settle } from './fakes';

const address = { url: 'unix:///fake.sock', source: { kind: 'default' as const } };

function setup() {
  const engine = new FakeEngine();
  const clock = new FakeClock();
  let opens = 0;
  const connection = new EngineConnection({
    open: () => {
      opens++;
      return { ok: true, address, client: engine };
    },
    timers: clock,
  });
  const states: ConnectionState['kind'][] = [];
  connection.onDidChangeState((s) => states.push(s.kind));
  return { engine, clock, connection, states, opens: () => opens };
}

describe('engine connection', () => {
  it('does nothing until started', async () => {
    const { engine, connection, opens } = setup();
    await settle();
    assert.equal(connection.state.kind, 'idle');
    assert.equal(opens(), 0);
    assert.equal(engine.calls.version, 0);
  });

  it('connects on start: version, then one events stream, then announces the session', async () => {
    const { engine, connection, states } = setup();
    const sessions: string[] = [];
    connection.onDidConnect((s) => sessions.push(s.version.version));
    connection.start();
    connection.start();
    await settle();
    assert.deepEqual(states, ['connecting', 'connected']);
    assert.deepEqual(sessions, ['99.0-fake']);
    assert.equal(engine.subscribers, 1);
    assert.equal(connection.session?.client, engine);
  });

  it('forwards the events of the current stream', async () => {
    const { engine, connection } = setup();
    const seen: string[] = [];
    connection.onEvent((e) => seen.push(e.action));
    connection.start();
    await settle();
    engine.emit(event('start', 'c1'));
    assert.deepEqual(seen, ['start']);
  });

  it('runs no timer while connected', async () => {
    const { clock, connection } = setup();
    connection.start();
    await settle();
    assert.deepEqual(clock.pending, []);
  });

  it('reports the outage, retries with growing delays capped at 5 s, and reconnects by itself', async () => {
    const { engine, clock, connection, states } = setup();
    connection.start();
    await settle();
    engine.stop();
    assert.equal(connection.state.kind, 'down');
    assert.equal(connection.state.kind === 'down' && connection.state.problem.message, 'Lost Docker at unix:///fake.sock: the engine closed the event stream');
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      delays.push(clock.pending[0]);
      clock.advance(clock.pending[0]);
      await settle();
    }
    assert.deepEqual(delays, [250, 500, 1000, 2000, 4000, 5000, 5000]);
    assert.equal(connection.state.kind === 'down' && connection.state.problem.message, 'Cannot reach Docker at unix:///fake.sock: connect ENOENT');
    assert.deepEqual(states, ['connecting', 'connected', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down']);
    engine.revive();
    clock.advance(clock.pending[0]);
    await settle();
    assert.equal(connection.state.kind, 'connected');
    assert.equal(engine.subscribers, 1);
    assert.deepEqual(clock.pending, [], 'the backoff timer stops once connected');
  });

  it('retries at once on retryNow and forgets the backoff', async () => {
    const { engine, clock, connection } = setup();
    engine.stop();
    connection.start();
    await settle();
    clock.advance(250);
    await settle();
    assert.equal(clock.pending[0], 500);
    engine.revive();
    connection.retryNow();
    await settle();
    assert.equal(connection.state.kind, 'connected');
    assert.deepEqual(clock.pending, []);
  });

  it('reconnect() closes the old stream and opens a new one', async () => {
    const { engine, connection, opens } = setup();
    connection.start();
    await settle();
    connection.reconnect();
    await settle();
    assert.equal(opens(), 2);
    assert.equal(engine.subscribers, 1);
    assert.equal(connection.state.kind, 'connected');
  });

  it('shows an address that cannot be used as the problem, and keeps retrying', async () => {
    const clock = new FakeClock();
    const connection = new EngineConnection({ open: () => ({ ok: false, error: 'Docker context "x" does not exist' }), timers: clock });
    connection.start();
    await settle();
    assert.equal(connection.state.kind === 'down' && connection.state.problem.message, 'Docker context "x" does not exist');
    assert.deepEqual(clock.pending, [250]);
    connection.dispose();
    assert.deepEqual(clock.pending, []);
  });

  it('caps the delay between attempts at 5 s', () => {
    assert.equal(reconnectDelay(1), 250);
    assert.equal(reconnectDelay(30), 5000);
  });
});
