import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCompose, type ComposeAnalysis } from '../../../src/core/compose/analyze';
import { AnalysisCache, ProjectFileReader, type ComposeParser } from '../../../src/core/compose/analysisCache';
import { modelOf } from '../../../src/core/compose/load';
import type { LoadOptions } from '../../../src/core/compose/model';

/** The real parser with a count of its analyses: what "nothing re-parsed that did not change" is measured by. */
class CountingParser implements ComposeParser {
  calls = 0;
  analyze(text: string, options: LoadOptions): ComposeAnalysis {
    this.calls++;
    return analyzeCompose(text, options);
  }
  modelOf = modelOf;
}

const COMPOSE = ['services:', '  web:', '    image: ${IMAGE}', '    healthcheck:', '      test: ["CMD", "true"]', ''].join('\n');

describe('the shared compose analysis cache (one parse per version for every capability)', () => {
  let dir: string;
  let file: string;
  let counter: CountingParser;
  let cache: AnalysisCache;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'chdoc-cache-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    file = join(dir, 'compose.yaml');
    writeFileSync(join(dir, '.env'), 'IMAGE=app:1\n');
    counter = new CountingParser();
    cache = new AnalysisCache(() => new ProjectFileReader(), counter, () => ({}));
  });

  it('diagnostics, hover and lens asking for the same version share one analysis', () => {
    const forDiagnostics = cache.get('file:///c', file, 'doc:1', COMPOSE);
    const forHover = cache.get('file:///c', file, 'doc:1', COMPOSE);
    const forLens = cache.get('file:///c', file, 'doc:1', COMPOSE);
    assert.equal(counter.calls, 1);
    assert.equal(cache.analysesOf('file:///c'), 1);
    assert.equal(forHover, forDiagnostics);
    assert.equal(forLens, forDiagnostics);
    assert.equal(forLens.model(), forHover.model(), 'the model is made once per parse too');
    assert.equal(forLens.model().services[0].image, 'app:1', 'the .env beside the file was read');
  });

  it('one edit is one analysis, whoever asks for it', () => {
    cache.get('file:///c', file, 'doc:1', COMPOSE);
    const edited = COMPOSE.replace('"true"', '"false"');
    for (let i = 0; i < 3; i++) cache.get('file:///c', file, 'doc:2', edited);
    assert.equal(counter.calls, 2);
  });

  it('a new version with the same text (closed and read from disk, undone) keeps its parse', () => {
    const open = cache.get('file:///c', file, 'doc:1', COMPOSE);
    const fromDisk = cache.get('file:///c', file, 'disk:123:45', COMPOSE);
    assert.equal(fromDisk, open);
    assert.equal(counter.calls, 1);
  });

  it('a change to a file the parse read drops exactly the parses that read it', () => {
    cache.get('file:///c', file, 'doc:1', COMPOSE);
    cache.get('file:///other', join(dir, 'sub', 'compose.yaml'), 'doc:1', 'services: {}\n');
    assert.deepEqual(cache.dependencyChanged(join(dir, 'unrelated.yaml')), []);
    assert.deepEqual(cache.dependencyChanged(join(dir, '.env')), ['file:///c']);
    writeFileSync(join(dir, '.env'), 'IMAGE=app:2\n');
    const again = cache.get('file:///c', file, 'doc:1', COMPOSE);
    assert.equal(counter.calls, 3);
    assert.equal(again.model().services[0].image, 'app:2');
  });

  it('a disk read whose stat is unchanged finds its parse without the text, until a file it read changes', () => {
    const parsed = cache.get('file:///c', file, 'disk:123:45', COMPOSE);
    assert.equal(cache.peek('file:///c', 'disk:123:45'), parsed);
    assert.equal(cache.peek('file:///c', 'disk:124:45'), undefined, 'another mtime: the file must be read');
    cache.dependencyChanged(join(dir, '.env'));
    assert.equal(cache.peek('file:///c', 'disk:123:45'), undefined, 'its .env changed: it must be parsed again');
  });

  it('the file itself is not its own dependant', () => {
    const base = join(dir, 'compose.override.yaml');
    cache.get('file:///o', base, 'doc:1', 'services:\n  web:\n    image: x\n');
    assert.ok(cache.get('file:///o', base, 'doc:1', '').dependencies.has(file), 'the override read its base file');
    assert.deepEqual(cache.dependencyChanged(file, 'file:///c'), ['file:///o']);
  });

  it('an open buffer is read before the disk', () => {
    const reader = new ProjectFileReader((path) => (path === join(dir, '.env') ? 'IMAGE=unsaved\n' : undefined));
    cache = new AnalysisCache(() => reader, counter, () => ({}));
    assert.equal(cache.get('file:///c', file, 'doc:1', COMPOSE).model().services[0].image, 'unsaved');
  });

  it('extends: {file: /dev/zero} neither hangs nor reads: the service is kept without a base', () => {
    const text = ['services:', '  web:', '    image: app', '    extends:', '      file: /dev/zero', '      service: x', ''].join('\n');
    const parsed = cache.get('file:///z', file, 'doc:1', text);
    assert.ok(parsed.dependencies.has('/dev/zero'), 'the path was asked for, and refused by the bounded reader');
    assert.deepEqual(parsed.model().services.map((s) => s.name), ['web']);
  });

  it('an analysis that throws (a bug of ours) is kept with its error and an empty model', () => {
    const failing = new AnalysisCache(() => new ProjectFileReader(), {
      analyze: () => {
        throw new Error('boom');
      },
      modelOf,
    });
    const parsed = failing.get('file:///c', file, 'doc:1', COMPOSE);
    assert.equal((parsed.error as Error).message, 'boom');
    assert.equal(parsed.analysis, undefined);
    assert.deepEqual(parsed.model(), { fileName: file, services: [] });
    assert.equal(failing.get('file:///c', file, 'doc:1', COMPOSE), parsed, 'and not retried for the same version');
  });
});
