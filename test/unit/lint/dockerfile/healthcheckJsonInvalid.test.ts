import * as assert from 'node:assert/strict';
import { expectNone, expectOne, findings } from './support';

describe('Dockerfile healthcheck-json-invalid', () => {
  it('flags single quotes: BuildKit runs the text with /bin/sh -c', () => {
    const finding = expectOne("FROM alpine\nHEALTHCHECK CMD ['curl', '-f', 'http://x']\n", 'healthcheck-json-invalid', 'warning', "['curl', '-f', 'http://x']");
    assert.match(finding.message, /not valid JSON .*runs it as a shell command/);
  });
  it('flags an unterminated array, also at the end of the file', () => {
    expectOne('FROM alpine\nHEALTHCHECK CMD ["curl", "-f"', 'healthcheck-json-invalid', 'warning', '["curl", "-f"');
  });
  it('does not flag valid JSON or a shell command starting with [', () => {
    expectNone('FROM alpine\nHEALTHCHECK CMD ["true"]\n', 'healthcheck-json-invalid');
    assert.deepEqual(findings('FROM alpine\nHEALTHCHECK CMD test -f /ready\n', 'healthcheck-json-invalid'), []);
  });
});
