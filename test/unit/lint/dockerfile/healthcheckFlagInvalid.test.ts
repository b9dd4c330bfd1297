import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne, findings } from './support';

describe('Dockerfile healthcheck-flag-invalid', () => {
  it('flags an unknown flag with BuildKit\'s message and renames it to the near flag', () => {
    const text = 'FROM alpine\nHEALTHCHECK --intervall=5s CMD true\n';
    const finding = expectOne(text, 'healthcheck-flag-invalid', 'error', '--intervall');
    assert.match(finding.message, /unknown flag: --intervall\. Did you mean --interval\?/);
    expectFix(text, finding, 'FROM alpine\nHEALTHCHECK --interval=5s CMD true\n');
  });
  it('flags a flag with its value after a space: "missing a value on flag"', () => {
    const finding = expectOne('FROM alpine\nHEALTHCHECK --interval 5s CMD true\n', 'healthcheck-flag-invalid', 'error', '--interval');
    assert.match(finding.message, /missing a value on flag: --interval/);
  });
  it('flags a flag given twice, and retries that are not a number', () => {
    const found = findings('FROM alpine\nHEALTHCHECK --timeout=3s --timeout=4s --retries=three CMD true\n', 'healthcheck-flag-invalid');
    assert.deepEqual(found.map((f) => /duplicate flag|strconv.ParseInt/.exec(f.message)?.[0]), ['duplicate flag', 'strconv.ParseInt']);
  });
  it('leaves every known flag, and the flags of NONE, alone', () => {
    expectNone('FROM alpine\nHEALTHCHECK --interval=5s --timeout=3s --start-period=1m --start-interval=1s --retries=3 CMD true\n', 'healthcheck-flag-invalid');
    expectNone('FROM alpine\nHEALTHCHECK --bogus=1 NONE\n', 'healthcheck-flag-invalid');
  });
});
