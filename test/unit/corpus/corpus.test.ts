import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCompose } from '../../../src/core/compose/load';
import { LineIndex } from '../../../src/core/compose/range';
import { lintText } from '../../../src/core/lint';
import { corpusFiles, corpusOrSkip } from './corpusFiles';

interface Pinned {
  file: string;
  line: number;
  code: string;
  severity: string;
  why: string;
}

/** Files whose MANIFEST `suspect` column starts with YES: known to be broken on purpose. */
function brokenFiles(dir: string): Set<string> {
  const broken = new Set<string>();
  for (const row of readFileSync(path.join(dir, 'MANIFEST.md'), 'utf8').split('\n')) {
    const cells = row.split(' | ');
    const file = /^\| `([^`]+)`/.exec(row)?.[1];
    if (file && /^YES/.test(cells[cells.length - 1] ?? '')) broken.add(file);
  }
  return broken;
}

describe('corpus of real compose files', () => {
  const dir = corpusOrSkip('the pinned findings of the 41 corpus files');
  if (!dir) return;
  const files = corpusFiles(dir);
  const pinned: Pinned[] = JSON.parse(readFileSync(path.join(__dirname, '../../../../test/unit/corpus/expected-findings.json'), 'utf8'));
  const broken = brokenFiles(dir);
  const actual = new Map<string, Pinned[]>();
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    actual.set(
      file,
      lintText(text, { fileName: path.join(dir, file) }).map((f) => ({ file, line: new LineIndex(text).positionAt(f.range.start).line + 1, code: f.code, severity: f.severity, why: '' })),
    );
  }

  it('holds the 41 files the manifest lists', () => {
    assert.equal(files.length, 41);
    assert.ok(broken.has('docker__compose__pkg__e2e__testdata__TestStartInterval__compose.yaml'));
  });

  for (const file of files) {
    it(`${file}: exactly the pinned findings, and no error unless the manifest marks it broken`, () => {
      const found = actual.get(file)!.map(({ line, code, severity }) => ({ line, code, severity }));
      const expected = pinned.filter((p) => p.file === file).map(({ line, code, severity }) => ({ line, code, severity }));
      assert.deepEqual(found, expected);
      if (!broken.has(file)) assert.deepEqual(found.filter((f) => f.severity === 'error'), []);
    });
  }

  it('catches the start_interval without start_period that compose\'s own test expects to fail', () => {
    const found = actual.get('docker__compose__pkg__e2e__testdata__TestStartInterval__compose.yaml')!;
    assert.deepEqual(found.map((f) => [f.code, f.severity]), [['start-interval-without-start-period', 'error']]);
  });

  it('gives every pinned finding a reason', () => {
    for (const p of pinned) assert.ok(p.why.length > 20, `${p.file}:${p.line} ${p.code} has no reason`);
  });

  it('models all 134 services that have a healthcheck after merge keys', () => {
    let count = 0;
    for (const file of files) {
      const model = loadCompose(readFileSync(path.join(dir, file), 'utf8'), { fileName: path.join(dir, file) });
      count += model.services.filter((s) => s.healthcheck).length;
    }
    assert.equal(count, 134);
  });
});
