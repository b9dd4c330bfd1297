import * as assert from 'node:assert/strict';
import { COMPOSE_FILE_GLOB, globToRegExp, isComposeFile } from '../../../src/core/compose/files';

describe('which files are compose files', () => {
  it('accepts the four names Docker Compose looks for', () => {
    for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']) {
      assert.equal(isComposeFile(name), true, name);
      assert.equal(isComposeFile(`deploy/app/${name}`), true, `deploy/app/${name}`);
    }
  });

  it('accepts override files and named variants', () => {
    for (const name of ['compose.override.yaml', 'docker-compose.override.yml', 'compose.prod.yaml', 'docker-compose.ci.yml', 'compose.prod.override.yml']) {
      assert.equal(isComposeFile(name), true, name);
    }
  });

  it('rejects other YAML files and look-alikes', () => {
    for (const name of ['values.yaml', 'composer.yaml', 'my-compose.yml', 'compose.json', 'docker-compose.yml.bak', 'compose.yaml/notes.txt', '.github/workflows/ci.yml']) {
      assert.equal(isComposeFile(name), false, name);
    }
  });

  it('handles Windows separators', () => {
    assert.equal(isComposeFile('deploy\\compose.yaml'), true);
    assert.equal(isComposeFile('deploy\\stack.yml', ['deploy/*.yml']), true);
  });

  it('adds the setting\'s globs: with a folder they match the workspace-relative path', () => {
    const globs = ['deploy/*.compose.yml'];
    assert.equal(isComposeFile('deploy/web.compose.yml', globs), true);
    assert.equal(isComposeFile('other/web.compose.yml', globs), false);
    assert.equal(isComposeFile('deploy/sub/web.compose.yml', globs), false, '* stays within one folder');
    assert.equal(isComposeFile('deploy/web.compose.yml', ['./deploy/*.compose.yml']), true, 'a leading ./ is the folder itself');
  });

  it('adds the setting\'s globs: without a folder they match the file name anywhere (like files.associations)', () => {
    assert.equal(isComposeFile('a/b/stack.yml', ['stack.yml']), true);
    assert.equal(isComposeFile('a/b/stack.yaml', ['stack.yml']), false);
    assert.equal(isComposeFile('x/services.yaml', ['*.{yml,yaml}']), true);
  });

  it('ignores blank globs', () => {
    assert.equal(isComposeFile('values.yaml', ['', '  ']), false);
  });

  it('glob syntax: ** across folders, ?, braces and character classes', () => {
    assert.ok(globToRegExp('**/x.yml').test('x.yml'));
    assert.ok(globToRegExp('**/x.yml').test('a/b/x.yml'));
    assert.ok(globToRegExp('a/**/x.yml').test('a/x.yml'));
    assert.ok(globToRegExp('a/**').test('a/b/c'));
    assert.ok(!globToRegExp('a/*').test('a/b/c'));
    assert.ok(globToRegExp('file?.yml').test('file1.yml'));
    assert.ok(!globToRegExp('file?.yml').test('file12.yml'));
    assert.ok(globToRegExp('env-[abc].yml').test('env-b.yml'));
    assert.ok(!globToRegExp('env-[!abc].yml').test('env-b.yml'));
    assert.ok(globToRegExp('{dev,prod}.yml').test('prod.yml'));
    assert.ok(!globToRegExp('a.yml').test('aXyml'), 'a dot is literal');
    assert.ok(globToRegExp('{odd.yml').test('{odd.yml'), 'an unbalanced brace is literal');
  });

  it('the workspace glob finds exactly the built-in names', () => {
    const re = globToRegExp(COMPOSE_FILE_GLOB);
    for (const path of ['compose.yaml', 'a/docker-compose.yml', 'b/compose.override.yml', 'c/docker-compose.prod.yaml']) {
      assert.ok(re.test(path), path);
      assert.equal(isComposeFile(path), true, path);
    }
    for (const path of ['a/values.yaml', 'composer.yml']) assert.ok(!re.test(path), path);
  });
});
