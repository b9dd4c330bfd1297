import * as assert from 'node:assert/strict';
import { effectiveHealthcheck } from '../../../src/core/compose/healthcheckSpec';

describe('effectiveHealthcheck (moby daemon/health.go and the create-time merge with the image)', () => {
  it('applies the engine defaults when neither the file nor the image sets a value', () => {
    assert.deepEqual(effectiveHealthcheck({ test: ['CMD', 'true'] }), {
      test: ['CMD', 'true'],
      disabled: false,
      intervalNs: 30e9,
      timeoutNs: 30e9,
      startPeriodNs: 0,
      startIntervalNs: 5e9,
      retries: 3,
    });
  });
  it('reads zero and retries <= 0 as unset: the image value, else the default', () => {
    const image = { test: ['CMD-SHELL', 'true'], intervalNs: 7e9, retries: 4 };
    const effective = effectiveHealthcheck({ intervalNs: 0, timeoutNs: 0, retries: 0 }, image);
    assert.equal(effective.intervalNs, 7e9);
    assert.equal(effective.timeoutNs, 30e9);
    assert.equal(effective.retries, 4);
    assert.equal(effectiveHealthcheck({ retries: -1 }).retries, 3);
  });
  it('keeps the image test for an empty test list (seen on Engine 20.10: Test [] becomes the image test)', () => {
    assert.deepEqual(effectiveHealthcheck({ test: [] }, { test: ['CMD-SHELL', 'true'] }).test, ['CMD-SHELL', 'true']);
  });
  it('is disabled by NONE, and has no test when neither side defines one', () => {
    assert.equal(effectiveHealthcheck({ test: ['NONE'] }, { test: ['CMD', 'true'] }).disabled, true);
    assert.equal(effectiveHealthcheck({ intervalNs: 1e9 }).test, undefined);
  });
});
