import * as assert from 'node:assert/strict';
import { expectNone, expectOne } from './support';

describe('Dockerfile healthcheck-missing-command', () => {
  it('flags a bare HEALTHCHECK: "requires at least one argument"', () => {
    const finding = expectOne('FROM alpine\nHEALTHCHECK\n', 'healthcheck-missing-command', 'error', 'HEALTHCHECK');
    assert.match(finding.message, /HEALTHCHECK requires at least one argument/);
  });
  it('flags CMD with nothing after it, and an empty array: "Missing command after HEALTHCHECK CMD"', () => {
    const finding = expectOne('FROM alpine\nHEALTHCHECK --interval=5s CMD\n', 'healthcheck-missing-command', 'error', 'CMD');
    assert.match(finding.message, /Missing command after HEALTHCHECK CMD/);
    expectOne('FROM alpine\nHEALTHCHECK CMD []\n', 'healthcheck-missing-command', 'error', '[]');
  });
  it('leaves NONE and a command alone', () => {
    expectNone('FROM alpine\nHEALTHCHECK NONE\n', 'healthcheck-missing-command');
    expectNone('FROM alpine\nHEALTHCHECK cmd true\n', 'healthcheck-missing-command');
  });
});
