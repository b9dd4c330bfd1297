import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintDockerfileText } from '../../../src/core/lint/dockerfile';
import { LineIndex } from '../../../src/core/compose/range';

const root = resolve(__dirname, '../../../..');
const corpus = join(root, 'test/fixtures/dockerfiles/corpus');

/**
 * The findings each corpus file is known to deserve, as `code@line` (MANIFEST.md says why each is right).
 * Every other file must get none: a new warning on a file that builds and runs is a false one until shown
 * otherwise.
 */
const EXPECTED: Record<string, string[]> = {
  // Three HEALTHCHECKs in one stage; imagebuilder's builder_test.go expects only the last in the image.
  'imagebuilder__dockerclient__testdata__healthcheck.Dockerfile': ['healthcheck-overridden@3', 'healthcheck-overridden@4'],
};

describe('corpus of real Dockerfiles (test/fixtures/dockerfiles/corpus/MANIFEST.md)', () => {
  const files = readdirSync(corpus).filter((f) => f.endsWith('.Dockerfile')).sort();
  const manifest = readFileSync(join(corpus, 'MANIFEST.md'), 'utf8');

  it('lists every file in the manifest, with its origin and licence', () => {
    assert.ok(files.length >= 21);
    for (const file of files) assert.match(manifest, new RegExp(`^\\| \`${file.replace(/[.]/g, '\\.')}\` \\| [^|]+ \\| [^|]+ \\| [^|]+ \\| (MIT|Apache-2\\.0|MPL-2\\.0) \\|`, 'm'), file);
  });

  it('holds real HEALTHCHECKs: at least 8 files with one, in the exec form and the shell form', () => {
    const texts = files.map((f) => readFileSync(join(corpus, f), 'utf8'));
    assert.ok(texts.filter((t) => /^HEALTHCHECK\b/m.test(t)).length >= 8);
    assert.ok(texts.some((t) => /^HEALTHCHECK\b.*\bCMD \[/m.test(t)), 'an exec-form check');
    assert.ok(texts.some((t) => /^HEALTHCHECK\b.*\\\n\s+CMD [^[]/m.test(t)), 'a shell-form check on a continuation line');
  });

  it('compose-health lint --format json (the bundled CLI) finds no error in any of them, and only the known findings', function () {
    this.timeout(60_000);
    // The real bundle, built from the current sources the way `npm run build` builds it.
    execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore' });
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--format', 'json', ...files], { cwd: corpus, encoding: 'utf8' });
    assert.equal(r.status, 0, `exit ${r.status} (1 means an error was found): ${r.stderr}`);
    const rows = JSON.parse(r.stdout) as Array<{ file: string; line: number; severity: string; code: string }>;
    assert.deepEqual(
      rows.map((row) => `${row.file}: ${row.code}@${row.line}`).sort(),
      Object.entries(EXPECTED).flatMap(([file, codes]) => codes.map((c) => `${file}: ${c}`)).sort(),
    );
  });

  for (const file of files) {
    const expected = EXPECTED[file] ?? [];
    it(`${file}: no error (these files build), ${expected.length ? `only ${expected.join(', ')}` : 'no finding'}`, () => {
      const text = readFileSync(join(corpus, file), 'utf8');
      const findings = lintDockerfileText(text);
      assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
      const lines = new LineIndex(text);
      assert.deepEqual(
        findings.map((f) => `${f.code}@${lines.positionAt(f.range.start).line + 1}`),
        expected,
      );
    });
  }
});
