import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne } from './support';

describe('Dockerfile healthcheck-unknown-type', () => {
  it('flags CMD-SHELL, a compose type, and changes it to CMD for the shell form', () => {
    const text = 'FROM alpine\nHEALTHCHECK CMD-SHELL curl -f http://x || exit 1\n';
    const finding = expectOne(text, 'healthcheck-unknown-type', 'error', 'CMD-SHELL');
    assert.match(finding.message, /Unknown type "CMD-SHELL" in HEALTHCHECK \(try CMD\)/);
    expectFix(text, finding, 'FROM alpine\nHEALTHCHECK CMD curl -f http://x || exit 1\n');
  });
  it('offers no fix for CMD-SHELL with a JSON array, whose items would become an argv', () => {
    const finding = expectOne('FROM alpine\nHEALTHCHECK CMD-SHELL ["curl -f http://x"]\n', 'healthcheck-unknown-type', 'error', 'CMD-SHELL');
    assert.equal(finding.fixes, undefined);
  });
  it('flags a command written without a type', () => {
    expectOne('FROM alpine\nHEALTHCHECK curl -f http://x\n', 'healthcheck-unknown-type', 'error', 'curl');
  });
  it('takes CMD and NONE in any case, as BuildKit upper-cases the type', () => {
    expectNone('FROM alpine\nHEALTHCHECK cmd true\n', 'healthcheck-unknown-type');
    expectNone('FROM alpine\nHEALTHCHECK none\n', 'healthcheck-unknown-type');
  });
});
