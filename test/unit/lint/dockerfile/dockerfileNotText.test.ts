import * as assert from 'node:assert/strict';
import { lintDockerfileText } from '../../../../src/core/lint/dockerfile';

describe('Dockerfile dockerfile-not-text', () => {
  it('refuses binary data named Dockerfile with one warning instead of reading it as instructions', () => {
    const found = lintDockerfileText('\x7fELF\x02\x01\x01\0\0\0\0HEALTHCHECK NONE x\n');
    assert.deepEqual(found.map((f) => [f.code, f.severity]), [['dockerfile-not-text', 'warning']]);
  });
  it('reads text', () => {
    assert.deepEqual(lintDockerfileText('FROM alpine\n'), []);
  });
});
