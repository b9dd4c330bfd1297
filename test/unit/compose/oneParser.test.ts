import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const src = path.resolve(__dirname, '../../../../src');

/** The editor glue: every folder but the pure core and the CLI (which checks each file once and exits). */
function glueFiles(): string[] {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !/^(core|cli)[\\/]/.test(file))
    .map((file) => file.replace(/\\/g, '/'));
}

describe('compose files are parsed in one place in the editor', () => {
  it('no capability calls analyzeCompose or loadCompose itself: they all read the shared service', () => {
    const parsing = glueFiles().filter((file) => /\b(?:analyzeCompose|loadCompose)\s*\(/.test(readFileSync(path.join(src, file), 'utf8')));
    assert.deepEqual(parsing, []);
  });

  it('no capability reads a path with a plain readFileSync (a compose file may name /dev/zero)', () => {
    // The engine connection's own configuration files (~/.docker) are not named by a compose file.
    const reading = glueFiles().filter((file) => file !== 'engine/sharedEngine.ts' && /\breadFileSync\b/.test(readFileSync(path.join(src, file), 'utf8')));
    assert.deepEqual(reading, []);
  });
});
