import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Range } from '../../../src/core/compose/range';
import { parseDockerfile } from '../../../src/core/dockerfile/parse';
import { lintDockerfile } from '../../../src/core/lint/dockerfile';
import { mutate, seededRandom } from './mutations';

const SEED = 20261202;
const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 3000);
const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/dockerfiles');

function assertInside(range: Range, length: number, what: string): void {
  assert.ok(Number.isInteger(range.start) && Number.isInteger(range.end), `${what}: non-integer range`);
  assert.ok(range.start >= 0 && range.start <= range.end && range.end <= length, `${what}: range ${range.start}-${range.end} outside 0-${length}`);
}

/** Dockerfile syntax the generic mutations rarely produce: continuations, JSON, flags, heredocs, directives. */
const SNIPPETS = ['\\\n', '`\n', '["', '"]', '[', ']', '"', ',', '--interval=', '--', '<<EOF\n', '\nEOF\n', '# escape=`\n', '# escape=x\n', 'HEALTHCHECK ', 'CMD ', 'NONE ', 'FROM scratch AS x\n', '\0', '\r\n'];

function insertSnippet(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  return text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
}

describe('fuzz: mutated Dockerfiles through the model and the Dockerfile rules', () => {
  it(`${MUTANTS} seeded mutants (seed ${SEED}) of our cases and the corpus: no exception, every range inside its document`, function () {
    // A fixed amount of synchronous work; speed is reported, never asserted (see fuzz.test.ts).
    this.timeout(0);
    const sources = ['cases', 'corpus'].flatMap((dir) =>
      readdirSync(path.join(FIXTURES, dir))
        .filter((f) => f.endsWith('.Dockerfile'))
        .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(path.join(FIXTURES, dir, f), 'utf8') })),
    );
    const random = seededRandom(SEED);
    const started = Date.now();
    for (let i = 0; i < MUTANTS; i++) {
      const source = sources[i % sources.length];
      let { text, applied } = mutate(source.text, random);
      for (let k = Math.floor(random() * 3); k > 0; k--) {
        text = insertSnippet(text, random);
        applied = [...applied, 'snippet'];
      }
      const label = `mutant ${i} of ${source.file} (${applied.join(', ')})`;
      let model;
      try {
        model = parseDockerfile(text);
      } catch (error) {
        assert.fail(`${label}: the parse threw ${String(error)}`);
      }
      for (const stage of model.stages) {
        assertInside(stage.range, text.length, `${label} stage`);
        for (const hc of stage.healthchecks) {
          assertInside(hc.range, text.length, `${label} HEALTHCHECK`);
          for (const flag of hc.flags) assertInside(flag.range, text.length, `${label} flag`);
          if (hc.command) assertInside(hc.command.range, text.length, `${label} command`);
        }
      }
      for (const finding of lintDockerfile(model)) {
        assert.notEqual(finding.code, 'internal-error', `${label}: ${finding.message}`);
        assertInside(finding.range, text.length, `${label} ${finding.code}`);
        for (const fix of finding.fixes ?? []) for (const edit of fix.edits) assertInside(edit.range, text.length, `${label} fix of ${finding.code}`);
      }
    }
    console.log(`      dockerfile fuzz: ${MUTANTS} mutants in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
