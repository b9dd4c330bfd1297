import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');
const cli = join(root, 'dist/cli.js');

const CLEAN = 'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: ["CMD", "true"]\n';
// Line 5 opens a flow sequence that never closes: a YAML syntax error, reported as an error.
const BROKEN = 'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: ["CMD", "true"\n';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function assertNoStackTrace(r: Run): void {
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

describe('compose-health CLI (bundled dist/cli.js run as a child process)', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    // The test runs the real bundle, built from the current sources the way `npm run build` builds it.
    execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'lint-ui-cli-'));
    writeFileSync(join(dir, 'compose.yaml'), CLEAN);
    writeFileSync(join(dir, 'broken.yml'), BROKEN);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and says so when a file has no problems', () => {
    const r = run(['lint', 'compose.yaml'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'No problems in 1 file.\n');
  });

  it('exits 1 on an error and prints file:line:col: severity code: message, then a summary', () => {
    const r = run(['lint', 'compose.yaml', 'broken.yml'], dir);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^broken\.yml:\d+:\d+: error yaml-syntax: \S/);
    assert.match(lines[lines.length - 1], /^1 error, 0 warnings, 0 info in 2 files\.$/);
  });

  it('--format json prints ONE array with 1-based positions inside the file', () => {
    const r = run(['lint', '--format', 'json', 'broken.yml', 'compose.yaml'], dir);
    assert.equal(r.status, 1, r.stderr);
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.ok(Array.isArray(rows));
    assert.equal(rows.length, 1);
    const p = rows[0];
    assert.deepEqual(Object.keys(p).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.equal(p.file, 'broken.yml');
    assert.equal(p.severity, 'error');
    assert.equal(p.code, 'yaml-syntax');
    const lineCount = BROKEN.split('\n').length;
    for (const key of ['line', 'endLine'] as const) assert.ok((p[key] as number) >= 1 && (p[key] as number) <= lineCount, `${key} ${p[key]}`);
    assert.ok((p.column as number) >= 1 && (p.endColumn as number) >= 1);
  });

  it('--format=json with no problems prints an empty array', () => {
    const r = run(['lint', '--format=json', 'compose.yaml'], dir);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('--format sarif prints SARIF 2.1.0 with rules, helpUri, levels and regions', () => {
    const r = run(['lint', '--format', 'sarif', 'broken.yml', join(dir, 'compose.yaml')], dir);
    assert.equal(r.status, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'compose-health');
    const rule = sarifRun.tool.driver.rules.find((x: { id: string }) => x.id === 'yaml-syntax');
    assert.ok(rule, 'the rule that fired is described');
    assert.match(rule.helpUri, /docs\/rules\.md#yaml-syntax$/);
    assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
    const curl = sarifRun.tool.driver.rules.find((x: { id: string }) => x.id === 'curl-without-fail');
    assert.deepEqual(curl?.defaultConfiguration, { level: 'warning' }, 'every rule is listed, with its default level');
    const [result] = sarifRun.results;
    assert.equal(result.ruleId, 'yaml-syntax');
    assert.equal(sarifRun.tool.driver.rules[result.ruleIndex].id, 'yaml-syntax');
    assert.equal(result.level, 'error');
    assert.equal(typeof result.message.text, 'string');
    const location = result.locations[0].physicalLocation;
    assert.deepEqual(location.artifactLocation, { uri: 'broken.yml', uriBaseId: '%SRCROOT%' });
    assert.ok(location.region.startLine >= 1 && location.region.startColumn >= 1);
    assert.match(sarifRun.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
  });

  it('exits 2 with a clear message and no stack trace when a file cannot be read', () => {
    const r = run(['lint', 'compose.yaml', 'missing.yml'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'compose-health: cannot read missing.yml: no such file; check the path.\n');
    assertNoStackTrace(r);
    assert.match(r.stdout, /No problems in 1 file/, 'the readable file is still checked');
  });

  it('exits 2 when given a directory', () => {
    const r = run(['lint', '.'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read \.: not a regular file/);
    assertNoStackTrace(r);
  });

  it('a file that cannot be read wins over errors found in others (exit 2, not 1)', () => {
    assert.equal(run(['lint', 'broken.yml', 'missing.yml'], dir).status, 2);
  });

  it('usage errors exit 2 and show the usage', () => {
    for (const args of [[], ['lint'], ['lint', '--max-size', 'big', 'compose.yaml'], ['lint', '--max-size=0', 'compose.yaml'], ['check', 'compose.yaml'], ['lint', '--format', 'xml', 'compose.yaml'], ['lint', '--format'], ['lint', '--fix', 'compose.yaml'], ['lint', '--engine-version', 'latest', 'compose.yaml'], ['lint', 'compose.yaml', '--engine-version']]) {
      const r = run(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^compose-health: .+\n\nUsage: compose-health lint/, args.join(' '));
      assert.equal(r.stdout, '');
      assertNoStackTrace(r);
    }
  });

  it('--help prints the usage and exits 0', () => {
    const r = run(['--help'], dir);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: compose-health lint \[--format text\|json\|sarif\] \[--engine-version VERSION\] \[--stack\] FILE\.\.\./);
    assert.match(r.stdout, /--stack +the files are deployed as Swarm stacks/);
    assert.match(r.stdout, /--engine-version V +the Docker Engine the files run on/);
    assert.match(r.stdout, /Exit status: 0 no errors/);
  });

  it('--engine-version below 25 makes start_interval the error docker compose v2 reports; without it, or on 25+, it is fine', () => {
    const sub = join(dir, 'engine');
    mkdirSync(sub);
    writeFileSync(join(sub, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: ["CMD", "true"]\n      start_period: 30s\n      start_interval: 1s\n');
    const old = run(['lint', '--engine-version', '20.10', 'engine/compose.yaml'], dir);
    assert.equal(old.status, 1, old.stdout + old.stderr);
    assert.match(old.stdout, /^engine\/compose\.yaml:7:7: error start-interval-engine-too-old: .*Docker Engine 20\.10\).*"can't set healthcheck\.start_interval as feature require Docker Engine v25 or later"/m);
    assert.equal(run(['lint', '--engine-version=26.1.5', 'engine/compose.yaml'], dir).status, 0);
    const unknown = run(['lint', 'engine/compose.yaml'], dir);
    assert.equal(unknown.status, 0, unknown.stdout);
    assert.doesNotMatch(unknown.stdout, /start-interval-engine-too-old/);
  });

  it('--stack adds what docker stack deploy rejects or ignores; without it a plain Compose user sees none of it', () => {
    const sub = join(dir, 'stack');
    mkdirSync(sub);
    writeFileSync(join(sub, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    container_name: web\n    restart: "no"\n    depends_on:\n      db:\n        condition: service_started\n  db:\n    image: postgres\n');
    const stack = run(['lint', '--stack', 'stack/compose.yaml'], dir);
    assert.equal(stack.status, 1, stack.stdout + stack.stderr);
    assert.match(stack.stdout, /^stack\/compose\.yaml:4:5: info stack-ignores-container-name: /m);
    assert.match(stack.stdout, /^stack\/compose\.yaml:5:5: info stack-ignores-restart: /m);
    assert.match(stack.stdout, /^stack\/compose\.yaml:6:5: error stack-depends-on-not-list: .*"services\.web\.depends_on must be a list"/m);
    const plain = run(['lint', 'stack/compose.yaml'], dir);
    assert.equal(plain.status, 0, plain.stdout);
    assert.doesNotMatch(plain.stdout, /stack-/);
  });

  it('exits 0 when there are warnings but no errors, and prints them', () => {
    const sub = join(dir, 'warn');
    mkdirSync(sub);
    // curl without -f passes on HTTP 500: a warning (curl-without-fail), not an error.
    writeFileSync(join(sub, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: curl http://localhost/\n');
    const r = run(['lint', 'warn/compose.yaml'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^warn\/compose\.yaml:5:\d+: warning curl-without-fail: /m);
    assert.match(r.stdout, /0 errors, 1 warning, 0 info in 1 file\./);
    const [problem] = JSON.parse(run(['lint', '--format', 'json', 'warn/compose.yaml'], dir).stdout);
    // `curl` on line 5 (`      test: curl http://localhost/`) spans columns 13 to 17, the end exclusive.
    assert.deepEqual(
      { ...problem, message: undefined },
      { file: 'warn/compose.yaml', line: 5, column: 13, endLine: 5, endColumn: 17, severity: 'warning', code: 'curl-without-fail', message: undefined },
    );
  });

  it('fills ${VAR} from the .env beside the file, and the process environment wins over it', () => {
    const sub = join(dir, 'env');
    mkdirSync(sub);
    writeFileSync(join(sub, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: ${HC_INTERVAL:-10s}\n');
    assert.equal(run(['lint', 'env/compose.yaml'], dir).status, 0, 'the default 10s is a valid duration');
    writeFileSync(join(sub, '.env'), 'HC_INTERVAL=30\n');
    const fromDotEnv = run(['lint', '--format', 'json', 'env/compose.yaml'], dir);
    assert.equal(fromDotEnv.status, 1);
    assert.deepEqual(JSON.parse(fromDotEnv.stdout).map((p: { code: string }) => p.code), ['duration-missing-unit']);
    const r = spawnSync(process.execPath, [cli, 'lint', 'env/compose.yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, HC_INTERVAL: '5s' } });
    assert.equal(r.status, 0, r.stdout);
  });

  it('checks an override file merged with its base, so its depends_on may name the base\'s services', () => {
    const sub = join(dir, 'project');
    mkdirSync(sub);
    writeFileSync(join(sub, 'compose.yaml'), 'services:\n  db:\n    image: postgres\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n');
    writeFileSync(join(sub, 'compose.override.yaml'), 'services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_healthy\n');
    const r = run(['lint', '--format', 'json', 'project/compose.override.yaml'], dir);
    assert.equal(r.status, 0, r.stdout);
    assert.deepEqual(JSON.parse(r.stdout), []);
    // The same dependency in the base file alone names a service nobody defines.
    writeFileSync(join(sub, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_healthy\n');
    const alone = run(['lint', '--format', 'json', 'project/compose.yaml'], dir);
    assert.equal(alone.status, 1);
    assert.deepEqual(JSON.parse(alone.stdout).map((p: { code: string }) => p.code), ['depends-on-unknown-service']);
  });

  it('a file above the size limit gets a check-limit warning; --max-size raises the limit', () => {
    const big = join(dir, 'big.yml');
    writeFileSync(big, CLEAN + '# padding\n'.repeat(300_000));
    const limited = run(['lint', '--format', 'json', 'big.yml'], dir);
    assert.equal(limited.status, 0);
    assert.deepEqual(JSON.parse(limited.stdout).map((p: { code: string }) => p.code), ['check-limit']);
    const raised = run(['lint', '--format', 'json', '--max-size', '8', 'big.yml'], dir);
    assert.equal(raised.status, 0, raised.stderr);
    assert.deepEqual(JSON.parse(raised.stdout), []);
  });

  it('an extends file that is a device is not read: no hang, no crash', () => {
    const sub = join(dir, 'device');
    mkdirSync(sub);
    writeFileSync(join(sub, 'compose.yaml'), 'services:\n  api:\n    image: x\n    extends:\n      file: /dev/zero\n      service: base\n');
    const r = spawnSync(process.execPath, [cli, 'lint', 'device/compose.yaml'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, 'finished by itself');
    assert.equal(r.status, 1, `exit ${r.status}: ${r.stderr}`);
    assert.match(r.stdout, /^device\/compose\.yaml:5:13: error extends-invalid: docker compose rejects the project: "read \/dev\/zero: not a regular file"/m);
    assertNoStackTrace({ status: r.status, stdout: r.stdout, stderr: r.stderr });
  });

  it('binary garbage is checked without a crash', () => {
    const garbage = join(dir, 'garbage.yml');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const r = run(['lint', '--format', 'json', garbage], dir);
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
    assert.ok(Array.isArray(JSON.parse(r.stdout)));
    assertNoStackTrace(r);
  });

  it('reads the Dockerfile a service builds: a compose healthcheck that only re-times a scratch image is a warning', () => {
    const sub = join(dir, 'built');
    mkdirSync(join(sub, 'api'), { recursive: true });
    writeFileSync(join(sub, 'compose.yaml'), 'services:\n  api:\n    build: ./api\n    healthcheck:\n      interval: 5s\n');
    writeFileSync(join(sub, 'api', 'Dockerfile'), 'FROM busybox AS build\nRUN true\nFROM scratch\nCOPY --from=build /bin/busybox /busybox\n');
    const r = run(['lint', '--format', 'json', 'built/compose.yaml'], dir);
    assert.equal(r.status, 0, `warnings only: exit ${r.status}: ${r.stderr}`);
    const problems = JSON.parse(r.stdout) as Array<{ code: string; line: number; message: string }>;
    const warning = problems.find((p) => p.code === 'timing-without-image-check');
    assert.ok(warning, JSON.stringify(problems));
    assert.equal(warning.line, 4);
    assert.match(warning.message, /api\/Dockerfile writes no HEALTHCHECK/);
    writeFileSync(join(sub, 'api', 'Dockerfile'), 'FROM busybox\nHEALTHCHECK CMD ["true"]\n');
    const fixed = JSON.parse(run(['lint', '--format', 'json', 'built/compose.yaml'], dir).stdout) as Array<{ code: string }>;
    assert.deepEqual(fixed.map((p) => p.code), [], 'with a HEALTHCHECK in the Dockerfile, re-timing it is fine');
  });
});
