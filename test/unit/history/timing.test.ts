import * as assert from 'node:assert/strict';
import type { LaneStatus, ProbeRecord, ServiceLane } from '../../../src/core/history/model';
import { formatMs, roundedAbove, serviceTiming, spread, startsOf, timingAdvice } from '../../../src/core/history/timing';

const T0 = Date.UTC(2026, 11, 2, 1, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;

function lane(changes: [number, string, LaneStatus][], probes: [number, number, string, number][] = []): ServiceLane {
  return {
    project: 'shop',
    service: 'api',
    changes: changes.map(([at, containerId, status]) => ({ at: s(at), containerId, status })),
    marks: [],
    probes: probes.map(([start, durationMs, containerId, exitCode]): ProbeRecord => ({ containerId, start: s(start), end: s(start) + durationMs, exitCode, output: '' })),
  };
}

describe('timing measured from the history', () => {
  it('a start runs from starting to the first healthy of the same container', () => {
    const starts = startsOf(lane([[0, 'a', 'starting'], [12, 'a', 'healthy'], [40, 'a', 'unhealthy'], [50, 'a', 'healthy']]));
    assert.equal(starts.length, 1);
    assert.equal(starts[0].healthyAt! - starts[0].startedAt, 12_000);
    assert.equal(starts[0].wentUnhealthy, false, 'unhealthy after healthy is not part of the start');
  });

  it('a start that stopped before healthy is recorded without a start-up time; a restart begins a new start', () => {
    const starts = startsOf(lane([[0, 'a', 'starting'], [5, 'a', 'unhealthy'], [6, 'a', 'stopped'], [7, 'a', 'starting'], [15, 'a', 'healthy']]));
    assert.deepEqual(
      starts.map((x) => [x.healthyAt === undefined ? undefined : x.healthyAt - x.startedAt, x.wentUnhealthy]),
      [[undefined, true], [8000, false]],
    );
  });

  it('containers of one service (scaled, or recreated) are measured separately', () => {
    const timing = serviceTiming(lane([[0, 'a', 'starting'], [1, 'b', 'starting'], [4, 'b', 'healthy'], [10, 'a', 'healthy']]));
    assert.deepEqual(timing.startup, { count: 2, p50: 3000, p95: 10_000, max: 10_000 });
  });

  it('probe durations and the gaps between probes of one container', () => {
    const timing = serviceTiming(lane([], [[0, 100, 'a', 0], [5, 300, 'a', 0], [10, 200, 'a', 0], [2, 900, 'b', 1]]));
    assert.deepEqual(timing.probeDuration, { count: 4, p50: 200, p95: 900, max: 900 });
    assert.deepEqual(timing.probeGap, { count: 2, p50: 5000, p95: 5000, max: 5000 });
  });

  it('failed probes belong to the start they happened in', () => {
    const [first] = startsOf(lane([[0, 'a', 'starting'], [20, 'a', 'healthy']], [[5, 10, 'a', 1], [10, 10, 'a', 7], [15, 10, 'a', 0], [30, 10, 'a', 1]]));
    assert.equal(first.failedProbes.length, 2);
  });

  it('nearest-rank percentiles', () => {
    assert.equal(spread([]), undefined);
    assert.deepEqual(spread([5]), { count: 1, p50: 5, p95: 5, max: 5 });
    const hundred = spread(Array.from({ length: 100 }, (_, i) => i + 1))!;
    assert.deepEqual([hundred.p50, hundred.p95, hundred.max], [50, 95, 100]);
  });

  it('rounds a suggestion to a readable duration strictly above the value', () => {
    assert.deepEqual([roundedAbove(800), roundedAbove(3000), roundedAbove(23_400), roundedAbove(25_000), roundedAbove(61_000), roundedAbove(89_000), roundedAbove(400_000)], ['1s', '4s', '25s', '30s', '1m30s', '1m30s', '7m']);
    assert.deepEqual([formatMs(850), formatMs(12_340), formatMs(125_000)], ['850 ms', '12.3 s', '2 min 5 s']);
  });
});

describe('timing advice', () => {
  const configured = { startPeriodMs: 5000, timeoutMs: 1000 };

  it('advises a longer start_period when failures after it counted in a recent start, above the p95', () => {
    const history = lane([[0, 'a', 'starting'], [23, 'a', 'healthy']], [[2, 10, 'a', 1], [8, 10, 'a', 1], [14, 10, 'a', 1], [20, 10, 'a', 0]]);
    const [advice] = timingAdvice(serviceTiming(history), configured);
    assert.equal(advice.kind, 'start-period');
    assert.equal(advice.suggested, '25s');
    assert.match(advice.message, /23 s at p95 over the last 1 start, longer than start_period \(5 s\)/);
  });

  it('says nothing when the failures all fell within the start period', () => {
    const history = lane([[0, 'a', 'starting'], [6, 'a', 'healthy']], [[1, 10, 'a', 1], [3, 10, 'a', 1], [5.5, 10, 'a', 0]]);
    assert.deepEqual(timingAdvice(serviceTiming(history), configured), []);
  });

  it('says nothing about a start_period when the app answered at the first probe, however late that came', () => {
    // start_period 0 (the default) and interval 30 s: 30 s to healthy is the interval, not a slow start.
    const history = lane([[0, 'a', 'starting'], [30, 'a', 'healthy']], [[30, 10, 'a', 0]]);
    assert.deepEqual(timingAdvice(serviceTiming(history), { startPeriodMs: 0, timeoutMs: 30_000 }), []);
  });

  it('advises a longer timeout when the p95 of 5 or more probes is over 80 % of it', () => {
    const slow = lane([], [[0, 700, 'a', 0], [5, 900, 'a', 0], [10, 850, 'a', 0], [15, 300, 'a', 0], [20, 950, 'a', 0]]);
    const [advice] = timingAdvice(serviceTiming(slow), configured);
    assert.equal(advice.kind, 'timeout');
    assert.equal(advice.suggested, '2s');
    assert.match(advice.message, /950 ms at p95 over the last 5 probes, over 80 % of timeout \(1 s\)/);
  });

  it('says nothing about the timeout below 80 %, or from fewer than 5 probes', () => {
    const fast = lane([], [[0, 700, 'a', 0], [5, 790, 'a', 0], [10, 500, 'a', 0], [15, 300, 'a', 0], [20, 600, 'a', 0]]);
    assert.deepEqual(timingAdvice(serviceTiming(fast), configured), []);
    const few = lane([], [[0, 999, 'a', 0], [5, 999, 'a', 0]]);
    assert.deepEqual(timingAdvice(serviceTiming(few), configured), []);
  });
});
