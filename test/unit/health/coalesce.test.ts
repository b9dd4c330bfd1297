import * as assert from 'node:assert/strict';
import { ChangeCoalescer } from '../../../src/core/health/coalesce';
import type { HealthChange } from '../../../src/core/health/model';
import { FakeClock } from '../engine/fakes';

const services = (...keys: string[]): HealthChange => ({ structural: false, services: new Set(keys), details: new Set() });

describe('change coalescing', () => {
  it('lets the first change after a quiet period through at once', () => {
    const clock = new FakeClock();
    const out: HealthChange[] = [];
    const c = new ChangeCoalescer(100, (x) => out.push(x), clock);
    c.push(services('a/x'));
    assert.equal(out.length, 1);
    assert.deepEqual(clock.pending, [], 'no timer after an immediate delivery');
  });

  it('merges a burst into one delivery at the end of the interval', () => {
    const clock = new FakeClock();
    const out: HealthChange[] = [];
    const c = new ChangeCoalescer(100, (x) => out.push(x), clock);
    c.push(services('a/x'));
    clock.advance(10);
    for (let i = 0; i < 50; i++) c.push(services(`a/s${i % 3}`));
    assert.equal(out.length, 1);
    clock.advance(89);
    assert.equal(out.length, 1);
    clock.advance(1);
    assert.equal(out.length, 2);
    assert.deepEqual(out[1].services, new Set(['a/s0', 'a/s1', 'a/s2']));
    assert.deepEqual(c.stats, { received: 51, delivered: 2 });
    assert.deepEqual(clock.pending, [], 'nothing runs once the burst is out');
  });

  it('a structural change swallows the service list', () => {
    const clock = new FakeClock();
    const out: HealthChange[] = [];
    const c = new ChangeCoalescer(100, (x) => out.push(x), clock);
    c.push(services('a/x'));
    c.push(services('a/y'));
    c.push({ structural: true, services: new Set(), details: new Set() });
    clock.advance(100);
    assert.equal(out[1].structural, true);
  });

  it('never delivers more than once per interval under a steady stream', () => {
    const clock = new FakeClock();
    const times: number[] = [];
    const c = new ChangeCoalescer(100, () => times.push(clock.now()), clock);
    for (let t = 0; t < 1000; t += 7) {
      c.push(services('a/x'));
      clock.advance(7);
    }
    clock.advance(100);
    for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 100, `deliveries at ${times[i - 1]} and ${times[i]}`);
    assert.equal(times.length, 11);
  });
});
