import * as assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '../../../src/core/compose/duration';

describe('compose durations (str2duration)', () => {
  it('parses combined units and fractions', () => {
    assert.deepEqual(parseDuration('1m30s'), { ok: true, ns: 90e9 });
    assert.deepEqual(parseDuration('1.5s'), { ok: true, ns: 1.5e9 });
    assert.deepEqual(parseDuration('1d'), { ok: true, ns: 86400e9 });
    assert.deepEqual(parseDuration('0'), { ok: true, ns: 0 });
  });
  it('rejects a bare number with Go\'s message', () => {
    assert.deepEqual(parseDuration('90'), { ok: false, error: 'time: missing unit in duration "90"' });
  });
  it('rejects an unknown unit', () => {
    assert.deepEqual(parseDuration('10x'), { ok: false, error: 'time: unknown unit "x" in duration "10x"' });
  });
  it('formats like Go', () => {
    assert.equal(formatDuration(90e9), '1m30s');
    assert.equal(formatDuration(500e6), '500ms');
    assert.equal(formatDuration(30e9), '30s');
  });
});
