import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { baseFilesOf } from '../../../src/core/compose/project';

describe('project files', () => {
  it('merges an override over the same-named base, either extension', () => {
    assert.deepEqual(baseFilesOf('/p/compose.override.yaml', () => undefined), [['/p/compose.yaml', '/p/compose.yml']]);
    assert.deepEqual(baseFilesOf('/p/docker-compose.override.yml', () => undefined), [['/p/docker-compose.yml', '/p/docker-compose.yaml']]);
  });
  it('takes the files listed before it in COMPOSE_FILE', () => {
    const env: Record<string, string> = { COMPOSE_FILE: `a.yml${path.delimiter}b.yml${path.delimiter}c.yml` };
    assert.deepEqual(baseFilesOf('/p/c.yml', (n) => env[n]), [['/p/a.yml'], ['/p/b.yml']]);
    assert.deepEqual(baseFilesOf('/p/a.yml', (n) => env[n]), []);
  });
  it('honours COMPOSE_PATH_SEPARATOR', () => {
    const env: Record<string, string> = { COMPOSE_FILE: 'a.yml,b.yml', COMPOSE_PATH_SEPARATOR: ',' };
    assert.deepEqual(baseFilesOf('/p/b.yml', (n) => env[n]), [['/p/a.yml']]);
  });
  it('treats other files as projects of their own', () => {
    assert.deepEqual(baseFilesOf('/p/compose.yaml', () => undefined), []);
    assert.deepEqual(baseFilesOf('', () => undefined), []);
  });
});
