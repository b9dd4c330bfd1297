import * as assert from 'node:assert/strict';
import { parseDotEnv } from '../../../src/core/compose/dotenv';

describe('.env parsing', () => {
  it('reads KEY=VALUE lines, export, quotes and comments', () => {
    const text = '# comment\nA=1\nexport B = two\nC="quoted # not a comment"\nD=\'single\'\nE=plain # trailing\n\nnot a line\n';
    assert.deepEqual(parseDotEnv(text), { A: '1', B: 'two', C: 'quoted # not a comment', D: 'single', E: 'plain' });
  });
});
