import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintDockerfileText } from '../../../src/core/lint/dockerfile';

const corpus = resolve(__dirname, '../../../../test/fixtures/dockerfiles/corpus');

describe('corpus of real Dockerfiles (test/fixtures/dockerfiles/corpus/MANIFEST.md)', () => {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.Dockerfile')).sort();
  const manifest = readFileSync(join(corpus, 'MANIFEST.md'), 'utf8');

  it('lists every file in the manifest, with its origin and licence', () => {
    assert.ok(files.length >= 13);
    for (const file of files) assert.match(manifest, new RegExp(`^\\| \`${file.replace(/[.]/g, '\\.')}\` \\| [^|]+ \\| [^|]+ \\| [^|]+ \\| (MIT|Apache-2.0) \\|`, 'm'), file);
  });

  for (const file of files) {
    it(`${file}: no finding (these files build)`, () => {
      assert.deepEqual(lintDockerfileText(readFileSync(join(corpus, file), 'utf8')), []);
    });
  }
});
