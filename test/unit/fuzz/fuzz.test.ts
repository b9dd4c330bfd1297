import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeCompose } from '../../../src/core/compose/analyze';
import { modelOf } from '../../../src/core/compose/load';
import type { Range } from '../../../src/core/compose/range';
import { lintAnalysis } from '../../../src/core/lint';
import { corpusFiles, corpusOrSkip } from '../corpus/corpusFiles';
import { mutate, seededRandom } from './mutations';

const SEED = 20261126;
const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 3000);
const PROJECT_MUTANTS = 500;

function assertInside(range: Range, length: number, what: string): void {
  assert.ok(Number.isInteger(range.start) && Number.isInteger(range.end), `${what}: non-integer range`);
  assert.ok(range.start >= 0 && range.start <= range.end && range.end <= length, `${what}: range ${range.start}-${range.end} outside 0-${length}`);
}

describe('fuzz: mutated corpus files through the model and the linter', () => {
  const dir = corpusOrSkip(`fuzz: ${MUTANTS} mutants of the corpus files`);
  if (dir) it(`${MUTANTS} seeded mutants (seed ${SEED}): no exception, every range inside its document`, function () {
    // A fixed amount of synchronous work: mocha can only time it after it ends, so its 60 s timeout would
    // report a loaded machine (it failed so at a load average of 20 on 2 cores), never a hang.
    this.timeout(0);
    const sources = corpusFiles(dir).map((f) => ({ file: f, text: readFileSync(path.join(dir, f), 'utf8') }));
    const random = seededRandom(SEED);
    const started = Date.now();
    for (let i = 0; i < MUTANTS; i++) {
      const source = sources[i % sources.length];
      const { text, applied } = mutate(source.text, random);
      const label = `mutant ${i} of ${source.file} (${applied.join(', ')})`;
      // The model without loadCompose's safety net, so a bug shows as an exception here.
      let analysis;
      let model;
      try {
        analysis = analyzeCompose(text, { fileName: source.file });
        model = modelOf(analysis);
      } catch (error) {
        assert.fail(`${label}: the model threw ${String(error)}`);
      }
      for (const service of model.services) {
        assertInside(service.keyRange, text.length, `${label} service ${service.name}`);
        if (service.healthcheck) {
          assertInside(service.healthcheck.keyRange, text.length, `${label} healthcheck key`);
          assertInside(service.healthcheck.range, text.length, `${label} healthcheck`);
          if (service.healthcheck.testRange) assertInside(service.healthcheck.testRange, text.length, `${label} test`);
        }
        for (const dep of service.dependsOn ?? []) assertInside(dep.range, text.length, `${label} depends_on`);
      }
      for (const finding of lintAnalysis(analysis)) {
        assert.notEqual(finding.code, 'internal-error', `${label}: ${finding.message}`);
        assertInside(finding.range, text.length, `${label} ${finding.code}`);
        for (const fix of finding.fixes ?? []) for (const edit of fix.edits) assertInside(edit.range, text.length, `${label} fix of ${finding.code}`);
      }
    }
    // Figures for the report; speed is measured, never asserted.
    console.log(`      fuzz: ${MUTANTS} mutants in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it(`${PROJECT_MUTANTS} mutants of a project (override, base, .env, extends file) read through readFile`, () => {
    const dir = path.resolve(__dirname, '../../../../test/fixtures/lint/project');
    const names = ['compose.yaml', 'compose.override.yaml', 'common.yml', '.env'];
    const originals = new Map(names.map((n) => [path.join(dir, n), readFileSync(path.join(dir, n), 'utf8')]));
    const random = seededRandom(SEED + 1);
    for (let i = 0; i < PROJECT_MUTANTS; i++) {
      // Mutate one file of the project; the linted file is the override or the base.
      const files = new Map(originals);
      const victim = names[i % names.length];
      files.set(path.join(dir, victim), mutate(originals.get(path.join(dir, victim))!, random).text);
      const linted = path.join(dir, i % 2 ? 'compose.override.yaml' : 'compose.yaml');
      const text = files.get(linted)!;
      const label = `project mutant ${i} (${victim})`;
      const analysis = analyzeCompose(text, { fileName: linted, readFile: (p) => files.get(p), env: {} });
      for (const service of modelOf(analysis).services) assertInside(service.keyRange, text.length, `${label} service`);
      for (const finding of lintAnalysis(analysis)) {
        assert.notEqual(finding.code, 'internal-error', `${label}: ${finding.message}`);
        assertInside(finding.range, text.length, `${label} ${finding.code}`);
      }
    }
  });
});
