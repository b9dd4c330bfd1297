import * as assert from 'node:assert/strict';
import { lintDockerfileText } from '../../../../src/core/lint/dockerfile';

describe('Dockerfile check-limit', () => {
  it('refuses a Dockerfile over the size limit with one warning that says so, quickly', () => {
    const text = `FROM alpine\n${'RUN echo 0123456789012345678901234567890123456789\n'.repeat(220_000)}`;
    const found = lintDockerfileText(text);
    assert.deepEqual(found.map((f) => [f.code, f.severity]), [['check-limit', 'warning']]);
    assert.match(found[0].message, /MB, more than the 2\.0 MB Compose Health checks; it was not checked/);
  });
  it('checks a file under the limit given', () => {
    assert.deepEqual(lintDockerfileText('FROM alpine\nHEALTHCHECK CMD true\n', { maxChars: 100 }), []);
  });
});
