import * as assert from 'node:assert/strict';
import { startIntervalSupported, suggestTiming, UNMEASURED_START_PERIOD_NS } from '../../../src/core/suggest/timing';

describe('suggest: timing from measurement', () => {
  it('timeout is 5× the slowest run in whole seconds, never below 1 s', () => {
    assert.equal(suggestTiming({ durationsMs: [40, 60, 55], startup: undefined, startIntervalSupported: false }).timeoutNs, 1e9);
    assert.equal(suggestTiming({ durationsMs: [300, 900], startup: undefined, startIntervalSupported: false }).timeoutNs, 5e9);
  });

  it('interval stays at least twice the timeout, and the worst-case detection time is retries × (interval + timeout), stated', () => {
    const slow = suggestTiming({ durationsMs: [2500], startup: undefined, startIntervalSupported: false });
    assert.equal(slow.timeoutNs, 13e9);
    assert.equal(slow.intervalNs, 26e9);
    assert.equal(slow.worstCaseDetectionNs, 3 * (26e9 + 13e9));
    assert.ok(slow.reasons.some((r) => r.includes('at most 1m57s after it starts')));
  });

  it('start_period is twice the measured start-up plus 2 s; a start-up that could not be measured gets a stated default', () => {
    assert.equal(suggestTiming({ durationsMs: [50], startup: { ms: 6200, exact: true }, startIntervalSupported: false }).startPeriodNs, 15e9);
    const unmeasured = suggestTiming({ durationsMs: [50], startup: undefined, startIntervalSupported: false });
    assert.equal(unmeasured.startPeriodNs, UNMEASURED_START_PERIOD_NS);
    assert.ok(unmeasured.reasons.some((r) => r.includes('suggest again right after')));
  });

  it('start_interval only when the engine takes it (API 1.44, Engine 25)', () => {
    assert.equal(suggestTiming({ durationsMs: [50], startup: undefined, startIntervalSupported: false }).startIntervalNs, undefined);
    assert.equal(suggestTiming({ durationsMs: [50], startup: undefined, startIntervalSupported: true }).startIntervalNs, 1e9);
    assert.deepEqual(['1.41', '1.43', '1.44', '1.45'].map(startIntervalSupported), [false, false, true, true]);
  });
});
