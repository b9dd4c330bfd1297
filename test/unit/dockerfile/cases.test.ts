import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');
const cases = join(root, 'test/fixtures/dockerfiles/cases');

/** Each case file and the findings it must get, as [line, code]; `clean-*` files must get none. */
const EXPECTED: Record<string, Array<[number, string]>> = {
  'bad-escape.Dockerfile': [[1, 'dockerfile-escape-invalid']],
  'cmd-shell-type.Dockerfile': [[2, 'healthcheck-unknown-type']],
  'curl-no-fail-exec.Dockerfile': [[2, 'curl-without-fail']],
  'exec-variable.Dockerfile': [[4, 'cmd-shell-syntax']],
  'exec-with-or.Dockerfile': [[4, 'cmd-shell-syntax']],
  'interval-days.Dockerfile': [[2, 'duration-invalid']],
  'interval-no-unit.Dockerfile': [[2, 'duration-missing-unit']],
  'missing-command.Dockerfile': [[2, 'healthcheck-missing-command']],
  'none-with-args.Dockerfile': [[2, 'healthcheck-none-arguments']],
  'retries-negative.Dockerfile': [[2, 'retries-negative']],
  'scratch-shell-form.Dockerfile': [[8, 'healthcheck-no-shell']],
  'single-quotes.Dockerfile': [[2, 'healthcheck-json-invalid']],
  'timeout-microseconds.Dockerfile': [[2, 'duration-below-minimum']],
  'tool-in-builder.Dockerfile': [[10, 'healthcheck-tool-in-other-stage']],
  'two-healthchecks.Dockerfile': [[2, 'healthcheck-overridden']],
  'unknown-flag.Dockerfile': [[2, 'healthcheck-flag-invalid']],
  'unterminated-json.Dockerfile': [[2, 'healthcheck-json-invalid']],
};

interface JsonProblem {
  file: string;
  line: number;
  code: string;
  severity: string;
}

describe('our Dockerfile cases, scored through compose-health lint --format json', function () {
  this.timeout(60_000);
  const files = readdirSync(cases).filter((f) => f.endsWith('.Dockerfile')).sort();
  let problems: JsonProblem[];

  before(() => {
    // The real bundle, built from the current sources the way `npm run build` builds it.
    execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore' });
    const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--format', 'json', ...files], { cwd: cases, encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    problems = JSON.parse(run.stdout) as JsonProblem[];
  });

  it('has an expectation for every case and a file for every expectation', () => {
    assert.deepEqual(files.filter((f) => !f.startsWith('clean-')), Object.keys(EXPECTED).sort());
    assert.ok(files.filter((f) => f.startsWith('clean-')).length >= 4);
  });

  for (const file of files) {
    const expected = EXPECTED[file] ?? [];
    it(`${file}: ${expected.length ? expected.map(([line, code]) => `${code} on line ${line}`).join(', ') : 'no finding'}`, () => {
      const found = problems.filter((p) => p.file === file).map((p): [number, string] => [p.line, p.code]);
      assert.deepEqual(found, expected);
    });
  }

  it('SARIF keeps its shape: one run whose driver lists the Dockerfile rules with their levels, one result per finding', () => {
    const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--format', 'sarif', 'scratch-shell-form.Dockerfile'], { cwd: cases, encoding: 'utf8' });
    const sarif = JSON.parse(run.stdout) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string; defaultConfiguration?: { level: string } }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    assert.equal(sarif.version, '2.1.0');
    const [only] = sarif.runs;
    assert.deepEqual(only.tool.driver.rules.find((r) => r.id === 'healthcheck-no-shell')?.defaultConfiguration, { level: 'warning' });
    assert.deepEqual(only.results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine]), [['healthcheck-no-shell', 'warning', 8]]);
  });

  it('never answers with a compose finding (the file read as YAML) for a Dockerfile', () => {
    assert.deepEqual(problems.filter((p) => /^(yaml-syntax|invalid-structure)$/.test(p.code)), []);
  });
});
