import * as assert from 'node:assert/strict';
import { lintText } from '../../../../src/core/lint';
import { expectNone, expectOne, findings, yaml } from '../support';

/** A project's other files, read as the editor and the CLI read them (`readTextFile`'s reasons). */
function project(files: Record<string, string | 'directory'>) {
  return (path: string) => {
    const file = files[path];
    if (file === 'directory') return { ok: false as const, reason: 'not-a-file' as const };
    return file ?? { ok: false as const, reason: 'missing' as const };
  };
}

describe('rule extends-invalid', () => {
  it('reports a missing service at the name, in docker compose\'s words', () => {
    const text = 'services:\n  web:\n    image: x\n    extends: bsae\n  base:\n    image: x\n';
    const finding = expectOne(text, 'extends-invalid', 'error', 'bsae', { fileName: '/p/compose.yaml' });
    assert.match(finding.message, /"cannot extend service "web" in \/p\/compose\.yaml: service "bsae" not found"/);
    const untitled = expectOne('services:\n  web:\n    extends: base\n', 'extends-invalid', 'error', 'base');
    assert.match(untitled.message, /cannot extend service "web" in this file: service "base" not found/);
  });
  it('reports a missing service of another file at `service:`', () => {
    const text = 'services:\n  web:\n    extends:\n      file: common.yml\n      service: nope\n';
    const finding = expectOne(text, 'extends-invalid', 'error', 'nope', { fileName: '/p/compose.yaml', readFile: project({ '/p/common.yml': 'services:\n  base:\n    image: x\n' }) });
    assert.match(finding.message, /service "nope" not found in common\.yml/);
  });
  it('reports a missing file and a directory at `file:`', () => {
    const text = 'services:\n  web:\n    extends:\n      file: common.yml\n      service: base\n';
    const missing = expectOne(text, 'extends-invalid', 'error', 'common.yml', { fileName: '/p/compose.yaml', readFile: project({}) });
    assert.match(missing.message, /"open \/p\/common\.yml: no such file or directory"/);
    const directory = expectOne(text, 'extends-invalid', 'error', 'common.yml', { fileName: '/p/compose.yaml', readFile: project({ '/p/common.yml': 'directory' }) });
    assert.match(directory.message, /read \/p\/common\.yml: not a regular file/);
  });
  it('reports a circle at every extends on it, and a service extending itself', () => {
    const text = yaml`
      services:
        a:
          extends: b
        b:
          extends: a
        c:
          extends: c
        d:
          extends: a
    `;
    const found = findings(text, 'extends-invalid', { fileName: '/p/compose.yaml' });
    assert.deepEqual(
      found.map((f) => text.slice(f.range.start, f.range.end)),
      ['b', 'a', 'c'],
      'd only leads into the circle of a and b, which is reported at their own extends',
    );
    assert.match(found[0].message, /"Circular reference: a in \/p\/compose\.yaml, extends b in \/p\/compose\.yaml, extends a in \/p\/compose\.yaml"/);
  });
  it('follows a circle through another file and a break further along the chain there', () => {
    const readFile = project({
      '/p/compose.yaml': 'services:\n  a:\n    extends: {file: other.yml, service: b}\n',
      '/p/other.yml': 'services:\n  b:\n    extends: {file: compose.yaml, service: a}\n  c:\n    extends: gone\n',
    });
    const circle = expectOne('services:\n  a:\n    extends: {file: other.yml, service: b}\n', 'extends-invalid', 'error', 'b', { fileName: '/p/compose.yaml', readFile });
    assert.match(circle.message, /Circular reference: a in \/p\/compose\.yaml, extends b in \/p\/other\.yml, extends a in \/p\/compose\.yaml/);
    const far = expectOne('services:\n  web:\n    extends: {file: other.yml, service: c}\n', 'extends-invalid', 'error', 'c', { fileName: '/p/compose.yaml', readFile, occurrence: 2 });
    assert.match(far.message, /service "c" in other\.yml, which this service extends, has an `extends` that fails: "cannot extend service "c" in \/p\/other\.yml: service "gone" not found"/);
  });
  it('accepts a working chain, an unset variable and a file it cannot know about, and still inherits the healthcheck', () => {
    const files = { '/p/common.yml': 'services:\n  base:\n    healthcheck:\n      test: ["CMD", "true"]\n' };
    const text = yaml`
      services:
        web:
          extends: {file: common.yml, service: base}
        api:
          extends: web
        worker:
          extends: \${BASE_SERVICE}
    `;
    expectNone(text, 'extends-invalid', { fileName: '/p/compose.yaml', readFile: project(files) });
    const api = lintText(text, { fileName: '/p/compose.yaml', readFile: project(files) });
    assert.deepEqual(api.filter((f) => f.severity === 'error'), []);
    // Without a reader the other file is not known: nothing is claimed about it.
    expectNone('services:\n  web:\n    extends: {file: common.yml, service: base}\n', 'extends-invalid', { fileName: '/p/compose.yaml' });
  });
});
