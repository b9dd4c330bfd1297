import * as assert from 'node:assert/strict';
import { expectNone, expectOne } from './support';

describe('Dockerfile healthcheck-json-not-strings', () => {
  it('flags a JSON array with a number, which fails the build', () => {
    const finding = expectOne('FROM alpine\nHEALTHCHECK CMD ["curl", "-m", 3, "http://x"]\n', 'healthcheck-json-not-strings', 'error', '["curl", "-m", 3, "http://x"]');
    assert.match(finding.message, /arrays must be comprised of strings only/);
  });
  it('leaves an array of strings alone', () => {
    expectNone('FROM alpine\nHEALTHCHECK CMD ["curl", "-m", "3", "http://x"]\n', 'healthcheck-json-not-strings');
  });
});
