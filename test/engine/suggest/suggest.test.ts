import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DockerodeEngineClient } from '../../../src/core/engine/dockerodeClient';
import { COMPOSE_LABELS } from '../../../src/core/identity/labels';
import type { SuggestEngine } from '../../../src/core/suggest/engine';
import type { SuggestionReport } from '../../../src/core/suggest/report';
import { suggestHealthcheck, type SuggestResult } from '../../../src/core/suggest/suggest';
import { applyHealthcheck, declaredServicePorts } from '../../../src/core/suggest/yamlEdit';
import { address, docker, engineApiAtLeast } from '../probe/dockerHarness';
import { awaitEvent } from '../support';

const repoRoot = path.resolve(__dirname, '../../../..');
const compose: typeof import('../../support/compose.mjs') = require(path.join(repoRoot, 'test/support/compose.mjs'));
const images: typeof import('../../support/suggestImages.mjs') = require(path.join(repoRoot, 'test/support/suggestImages.mjs'));
const { SUGGEST_IMAGES } = images;

/** Everything these tests create carries this prefix (projects, folders). */
const PREFIX = 'chsuggest';

// stop_grace_period 1s: BusyBox httpd as PID 1 ignores SIGTERM, so every recreate would otherwise wait
// out Docker's 10 s stop timeout before the new container starts.
const SERVICES = `
services:
  nocurl:
    image: ${SUGGEST_IMAGES.wget.image}
    # answers /healthz only: /health gives 404
    command: ["httpd", "-f", "-p", "8080", "-h", "/srv/healthz"]
    stop_grace_period: 1s
  nconly:
    image: ${SUGGEST_IMAGES.nc.image}
    command: ["httpd", "-f", "-p", "8080", "-h", "/srv/health"]
    stop_grace_period: 1s
  noshell:
    image: ${SUGGEST_IMAGES.noshell.image}
    command: ["busybox", "httpd", "-f", "-p", "8080", "-h", "/srv/health"]
    stop_grace_period: 1s
  loopback:
    image: ${SUGGEST_IMAGES.wget.image}
    command: ["httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/srv/health"]
    stop_grace_period: 1s
  slow:
    image: ${SUGGEST_IMAGES.wget.image}
    command: ["sh", "-c", "sleep 6; exec httpd -f -p 8080 -h /srv/health"]
    stop_grace_period: 1s
  bare:
    image: ${SUGGEST_IMAGES.bare.image}
    command: ["httpd", "-f", "-p", "8080", "-h", "/srv/health"]
    stop_grace_period: 1s
`;

function run(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(argv[0], argv.slice(1), { cwd, env: { ...process.env, ...compose.composeEnv() }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('(integration) suggest a healthcheck: Docker itself must agree with each suggestion', function () {
  this.timeout(240_000);
  // The engine as a remote one looks: the container's socket tables cannot be read from this machine's
  // /proc, so discovery must manage through the container (or fall back to EXPOSE).
  const client = new DockerodeEngineClient(docker, address);
  const engine: SuggestEngine = Object.assign(Object.create(client) as DockerodeEngineClient, { containerNetTables: async () => undefined });
  let folder: string;
  let file: string;
  let project: string;

  const up = async (service: string): Promise<string> => {
    const result = await run([...compose.composeArgv(), '-p', project, '-f', file, 'up', '-d', service], folder);
    assert.equal(result.code, 0, `compose up ${service}: ${result.stderr}`);
    const [container] = await docker.listContainers({ filters: { label: [`${COMPOSE_LABELS.project}=${project}`, `${COMPOSE_LABELS.service}=${service}`] } });
    assert.ok(container, `a running container for ${service}`);
    return container.Id;
  };

  const suggest = async (service: string, id: string): Promise<Extract<SuggestResult, { ok: true }>> => {
    const started = Date.now();
    const result = await suggestHealthcheck(engine, id, { servicePorts: declaredServicePorts(readFileSync(file, 'utf8'), service) });
    assert.ok(result.ok, result.ok ? '' : `${result.reason}\n${JSON.stringify(result.tried, null, 2)}`);
    console.log(`      ${service}: suggested in ${Date.now() - started} ms (${result.tried.length} candidate(s) tried)`);
    return result;
  };

  /**
   * Writes the suggestion into the compose file, recreates the service with Compose, and returns the
   * first health status Docker reports for the new container (subscribed before the recreate, so none
   * is missed): `healthy` with no `unhealthy` before it is the only acceptable answer.
   */
  const dockerVerdict = async (service: string, result: Extract<SuggestResult, { ok: true }>): Promise<string> => {
    const edited = applyHealthcheck(readFileSync(file, 'utf8'), service, result.healthcheck);
    assert.ok(edited.ok, edited.ok ? '' : edited.message);
    writeFileSync(file, edited.text);
    const first = awaitEvent(
      { type: ['container'], event: ['health_status'], label: [`${COMPOSE_LABELS.project}=${project}`, `${COMPOSE_LABELS.service}=${service}`] },
      () => true,
      120_000,
    );
    const recreated = Date.now();
    await up(service);
    const verdict = (await first).Action;
    // Figures for the note, not assertions: how long the suggestion and Docker's verdict took.
    console.log(`      ${service}: ${JSON.stringify(result.healthcheck)} → ${verdict} ${Date.now() - recreated} ms after the recreate began`);
    return verdict;
  };

  before(async () => {
    images.ensureSuggestImages();
    folder = mkdtempSync(path.join(tmpdir(), `${PREFIX}-`));
    project = path.basename(folder).toLowerCase().replace(/[^a-z0-9_-]/g, '');
    file = path.join(folder, 'compose.yaml');
    writeFileSync(file, `# the suggestion's engine tests\nname: ${project}\n${SERVICES}`);
  });

  after(async () => {
    if (!project) return;
    await run([...compose.composeArgv(), '-p', project, '-f', file, 'down', '-t', '0'], folder);
    rmSync(folder, { recursive: true, force: true });
  });

  it('no curl: BusyBox wget on the path the app serves (/healthz after /health gave 404), CMD form, and Docker turns it healthy', async () => {
    const result = await suggest('nocurl', await up('nocurl'));
    assert.deepEqual(result.healthcheck.test, ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/healthz']);
    const health = result.tried.find((t) => t.test.at(-1) === 'http://127.0.0.1:8080/health');
    assert.ok(health && health.exitCode !== 0 && /404/.test(health.output), 'the /health attempt failed with a 404');
    assert.equal(await dockerVerdict('nocurl', result), 'health_status: healthy');
  });

  it('nc only, no shell, no way to read /proc: a TCP connect with BusyBox nc on the image\'s EXPOSE port, and Docker turns it healthy', async () => {
    const id = await up('nconly');
    const result = await suggest('nconly', id);
    assert.equal(result.discovery.shell, undefined);
    assert.equal(result.discovery.listeners, undefined, 'without the host fallback, nothing read the socket tables');
    assert.deepEqual(result.discovery.declaredPorts, [8080], "the image's EXPOSE");
    assert.deepEqual(result.healthcheck.test, ['CMD', 'nc', '-w', '3', '127.0.0.1', '8080']);
    // With the engine's address (a local socket here), its tables are read from this machine's /proc.
    const fromHost = await suggestHealthcheck(client, id);
    assert.ok(fromHost.ok, fromHost.ok ? '' : fromHost.reason);
    assert.ok(fromHost.discovery.listeners?.some((l) => l.port === 8080), JSON.stringify(fromHost.discovery.listeners));
    assert.deepEqual(fromHost.healthcheck.test, result.healthcheck.test);
    assert.equal(await dockerVerdict('nconly', result), 'health_status: healthy');
  });

  it('no shell at all, one static binary: its own applets (busybox wget), CMD form, and Docker turns it healthy', async () => {
    const result = await suggest('noshell', await up('noshell'));
    assert.equal(result.discovery.shell, undefined);
    assert.deepEqual(result.healthcheck.test, ['CMD', 'busybox', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/health']);
    assert.equal(await dockerVerdict('noshell', result), 'health_status: healthy');
  });

  it('an app on 127.0.0.1 only serving just /health: the IPv4 loopback, never localhost (BusyBox wget tries ::1 first), and Docker turns it healthy', async () => {
    const result = await suggest('loopback', await up('loopback'));
    assert.deepEqual(
      result.discovery.listeners?.filter((l) => l.address !== '127.0.0.11'),
      [{ port: 8080, address: '127.0.0.1', family: 4 }],
    );
    assert.deepEqual(result.healthcheck.test, ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/health']);
    assert.equal(await dockerVerdict('loopback', result), 'health_status: healthy');
  });

  it('an app that needs 6 s to listen: waits for the first pass, measures the start-up, and Docker turns it healthy with no unhealthy on the way', async () => {
    const id = await up('slow');
    const waits: number[] = [];
    const started = Date.now();
    const result = await suggestHealthcheck(engine, id, { onProgress: (p) => p.kind === 'waiting' && waits.push(p.round) });
    assert.ok(result.ok, result.ok ? '' : result.reason);
    console.log(`      slow: suggested ${Date.now() - started} ms after up returned; ${result.basis.find((b) => b.startsWith('start_period'))}`);
    assert.ok(waits.length > 0, 'it waited for the service');
    assert.deepEqual(result.healthcheck.test, ['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:8080/health']);
    const startPeriod = result.timing.startPeriodNs / 1e9;
    assert.ok(startPeriod >= 12, `start_period ${startPeriod}s covers twice a start-up of 6 s or more`);
    assert.equal(result.healthcheck.start_interval !== undefined, await engineApiAtLeast(44), 'start_interval exactly when the engine is 25 or newer');
    assert.equal(await dockerVerdict('slow', result), 'health_status: healthy');
  });

  it('an app with no probe tool at all: nothing is suggested, with the reason, and the CLI exits 1 with healthcheck null', async () => {
    await up('bare');
    const cli = await run([process.execPath, path.join(repoRoot, 'out/src/cli/main.js'), 'suggest', '--format', 'json', file, 'bare'], folder);
    assert.equal(cli.code, 1, cli.stderr);
    const [report] = JSON.parse(cli.stdout) as SuggestionReport[];
    assert.equal(report.service, 'bare');
    assert.equal(report.healthcheck, null);
    assert.match(report.reason ?? '', /^Nothing in .* can probe it/);
  });

  it('the CLI with --apply writes what passed into the file, keeps its comments, and exits 0', async () => {
    const before = readFileSync(file, 'utf8');
    const cli = await run([process.execPath, path.join(repoRoot, 'out/src/cli/main.js'), 'suggest', '--format', 'json', '--apply', file, 'loopback'], folder);
    assert.equal(cli.code, 0, cli.stderr);
    const [report] = JSON.parse(cli.stdout) as SuggestionReport[];
    assert.deepEqual(Object.keys(report).slice(0, 7), ['file', 'service', 'container', 'healthcheck', 'verified', 'basis', 'tried']);
    assert.equal(report.verified?.exitCode, 0);
    const after = readFileSync(file, 'utf8');
    assert.notEqual(after, before);
    assert.ok(after.startsWith("# the suggestion's engine tests\n") && after.includes('# answers /healthz only'));
  });
});
