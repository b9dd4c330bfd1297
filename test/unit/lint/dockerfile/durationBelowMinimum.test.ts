import * as assert from 'node:assert/strict';
import { expectNone, expectOne } from './support';

describe('Dockerfile duration-below-minimum', () => {
  it('flags a duration below 1ms with BuildKit\'s message', () => {
    const finding = expectOne('FROM alpine\nHEALTHCHECK --timeout=500us CMD true\n', 'duration-below-minimum', 'error', '500us');
    assert.match(finding.message, /Interval "timeout" cannot be less than 1ms/);
  });
  it('flags a negative duration', () => {
    expectOne('FROM alpine\nHEALTHCHECK --interval=-5s CMD true\n', 'duration-below-minimum', 'error', '-5s');
  });
  it('leaves 0 (unset) and 1ms alone', () => {
    expectNone('FROM alpine\nHEALTHCHECK --interval=0s --timeout=1ms CMD true\n', 'duration-below-minimum');
  });
});
