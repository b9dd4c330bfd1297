import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne } from './support';

describe('Dockerfile duration-missing-unit', () => {
  it('flags --interval=30 with Go\'s message and adds s', () => {
    const text = 'FROM alpine\nHEALTHCHECK --interval=30 CMD true\n';
    const finding = expectOne(text, 'duration-missing-unit', 'error', '30');
    assert.match(finding.message, /time: missing unit in duration "30" \(--interval\)/);
    expectFix(text, finding, 'FROM alpine\nHEALTHCHECK --interval=30s CMD true\n');
  });
  it('accepts 0, units and combinations', () => {
    expectNone('FROM alpine\nHEALTHCHECK --interval=0 --timeout=1m30s --start-period=500ms CMD true\n', 'duration-missing-unit');
  });
  it('reads no flag of HEALTHCHECK NONE (BuildKit parses none there)', () => {
    expectNone('FROM alpine\nHEALTHCHECK --interval=30 NONE\n', 'duration-missing-unit');
  });
});
