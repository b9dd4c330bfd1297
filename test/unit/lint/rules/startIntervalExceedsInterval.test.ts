import * as assert from 'node:assert/strict';
import { expectNone, expectOne } from '../support';

describe('rule start-interval-exceeds-interval', () => {
  it('warns when start-up probes would be slower than normal ones (swapped values)', () => {
    const text = 'services:\n  db:\n    healthcheck:\n      test: "true"\n      interval: 1s\n      start_period: 60s\n      start_interval: 10s\n';
    const finding = expectOne(text, 'start-interval-exceeds-interval', 'warning', '10s');
    assert.match(finding.message, /swapped/);
  });
  it('accepts a shorter start interval, and one without a written interval', () => {
    expectNone('services:\n  a:\n    healthcheck:\n      interval: 30s\n      start_period: 60s\n      start_interval: 2s\n  b:\n    healthcheck:\n      start_period: 60s\n      start_interval: 2s\n', 'start-interval-exceeds-interval');
  });
});
