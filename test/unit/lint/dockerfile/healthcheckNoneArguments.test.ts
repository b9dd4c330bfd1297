import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne } from './support';

describe('Dockerfile healthcheck-none-arguments', () => {
  it('flags NONE with arguments and removes them', () => {
    const text = 'FROM alpine\nHEALTHCHECK NONE curl -f http://x\n';
    const finding = expectOne(text, 'healthcheck-none-arguments', 'error', 'curl -f http://x');
    assert.match(finding.message, /HEALTHCHECK NONE takes no arguments/);
    expectFix(text, finding, 'FROM alpine\nHEALTHCHECK NONE\n');
  });
  it('leaves NONE alone', () => {
    expectNone('FROM alpine\nHEALTHCHECK NONE\n', 'healthcheck-none-arguments');
  });
});
