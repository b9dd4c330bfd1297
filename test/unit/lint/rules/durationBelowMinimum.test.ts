import * as assert from 'node:assert/strict';
import { expectNone, expectOne } from '../support';

describe('rule duration-below-minimum', () => {
  it('reports a non-zero duration under 1ms with the engine\'s message', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      interval: 500us\n';
    const finding = expectOne(text, 'duration-below-minimum', 'error', '500us');
    assert.match(finding.message, /Interval in Healthcheck cannot be less than 1ms/);
  });
  it('reports a negative duration', () => {
    const finding = expectOne('services:\n  web:\n    healthcheck:\n      start_period: -5s\n', 'duration-below-minimum', 'error', '-5s');
    assert.match(finding.message, /StartPeriod in Healthcheck/);
  });
  it('accepts 1ms exactly and zero', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      interval: 1ms\n      timeout: 0s\n', 'duration-below-minimum');
  });
});
