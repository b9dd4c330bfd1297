import * as assert from 'node:assert/strict';
import { expectNone, expectOne, findings } from '../support';

describe('rule zero-means-default', () => {
  it('warns that interval: 0s means the default 30s', () => {
    const finding = expectOne('services:\n  web:\n    healthcheck:\n      interval: 0s\n', 'zero-means-default', 'warning', '0s');
    assert.match(finding.message, /30s/);
  });
  it('warns that retries: 0 means 3', () => {
    const finding = expectOne('services:\n  web:\n    healthcheck:\n      retries: 0\n', 'zero-means-default', 'warning', '0');
    assert.match(finding.message, /3/);
  });
  it('covers timeout and start_interval, not start_period (whose default is 0)', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      timeout: 0ms\n      start_interval: "0"\n      start_period: 0s\n';
    assert.deepEqual(findings(text, 'zero-means-default').map((f) => text.slice(f.range.start, f.range.end)), ['0ms', '"0"']);
  });
  it('accepts non-zero values', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      interval: 1s\n      retries: 1\n', 'zero-means-default');
  });
});
