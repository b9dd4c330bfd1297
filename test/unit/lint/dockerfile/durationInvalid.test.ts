import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne } from './support';

describe('Dockerfile duration-invalid', () => {
  it('flags the d unit, which Go\'s time.ParseDuration lacks, and writes hours', () => {
    const text = 'FROM alpine\nHEALTHCHECK --start-period=1d CMD true\n';
    const finding = expectOne(text, 'duration-invalid', 'error', '1d');
    assert.match(finding.message, /time: unknown unit "d" in duration "1d" \(--start-period\)/);
    expectFix(text, finding, 'FROM alpine\nHEALTHCHECK --start-period=24h CMD true\n');
  });
  it('flags a variable, which BuildKit does not substitute in HEALTHCHECK', () => {
    const finding = expectOne('FROM alpine\nARG I=5s\nHEALTHCHECK --interval=$I CMD true\n', 'duration-invalid', 'error', '$I');
    assert.match(finding.message, /time: invalid duration "\$I"/);
  });
  it('leaves valid durations alone', () => {
    expectNone('FROM alpine\nHEALTHCHECK --interval=1h2m3s CMD true\n', 'duration-invalid');
  });
});
