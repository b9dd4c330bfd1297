import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadCompose } from '../../../src/core/compose/load';
import { detectComposeCli, upForFile, upFromLabels, type ComposeCli, type ComposeInvocation } from '../../../src/core/probe/composeCli';
import { DockerodeEngineClient } from '../../../src/core/engine/dockerodeClient';
import { COMPOSE_LABELS } from '../../../src/core/identity/labels';
import { ServiceInspector, type ComposeFileState } from '../../../src/core/probe/serviceStates';
import { address, docker, engineApiAtLeast, PREFIX } from './dockerHarness';

const repoRoot = path.resolve(__dirname, '../../../..');
const fixture = path.join(repoRoot, 'test/fixtures/probe-compose/docker-compose.yml');
const compose: typeof import('../../support/compose.mjs') = require(path.join(repoRoot, 'test/support/compose.mjs'));

function run(cli: ComposeCli, invocation: ComposeInvocation, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(cli.executable, [...cli.prefix, ...invocation.args], { cwd: invocation.cwd, env }, (error, _out, stderr) =>
      error ? reject(new Error(`${cli.label} ${invocation.args.join(' ')} failed: ${stderr}`)) : resolve(),
    ),
  );
}

// The key Compose test runs with both: v2 (what current Docker installs) and 1.29 (Debian 12's), each
// as the only Compose the product can see (compose.mjs composeEnv), so it also pins which one the
// product picks.
for (const version of compose.COMPOSE_VERSIONS) {
  describe(`(integration) compose services with ${compose.composeLabel(version)}: locating, drift and the up -d actions`, function () {
    this.timeout(120_000);
    const env = { ...process.env, ...compose.composeEnv(version) };
    const engine = new DockerodeEngineClient(docker, address);
    const inspector = new ServiceInspector(engine);
    let folder: string;
    let file: string;
    let cli: ComposeCli;

    const state = async (text = readFileSync(file, 'utf8')): Promise<Extract<ComposeFileState, { ok: true }>> => {
      const result = await inspector.inspect(file, loadCompose(text, { fileName: file }));
      assert.ok(result.ok, result.ok ? '' : result.message);
      return result;
    };

    before(async function () {
      const found = await detectComposeCli(env);
      if (!found) throw new Error(`${compose.composeLabel(version)} is not installed; the engine tier's set-up (test/support/engine26.mjs) installs both.`);
      cli = found;
      folder = mkdtempSync(path.join(tmpdir(), `${PREFIX}-compose${version}-`));
      file = path.join(folder, 'docker-compose.yml');
      copyFileSync(fixture, file);
    });

    after(async () => {
      if (!folder) return;
      const project = path.basename(folder).toLowerCase().replace(/[^a-z0-9_-]/g, '');
      const leftovers = await docker.listContainers({ all: true, filters: { label: [`${COMPOSE_LABELS.project}=${project}`] } });
      await Promise.all(leftovers.map((c) => docker.getContainer(c.Id).remove({ force: true })));
      await docker.getNetwork(`${project}_default`).remove().catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
    });

    it(`the product picks ${compose.composeArgv(version).join(' ')} when it is the Compose installed`, () => {
      assert.equal(cli.label, compose.composeArgv(version).join(' '));
    });

    it('before up, the services have no container', async () => {
      const s = await state();
      assert.deepEqual([...s.services.values()].map((v) => [v.service, v.running.length, v.stopped.length]).sort(), [
        ['quiet', 0, 0],
        ['web', 0, 0],
      ]);
    });

    it('the start action starts the service, and its container is then found by its labels without drift', async () => {
      await run(cli, upForFile(file, 'web'), env);
      const web = (await state()).services.get('web')!;
      assert.equal(web.running.length, 1);
      assert.deepEqual(web.running[0].drift, []);
      assert.equal(web.running[0].container.labels[COMPOSE_LABELS.service], 'web');
      assert.ok(web.running[0].plan.ok && web.running[0].plan.plan.argv.join(' ') === 'true');
    });

    it('an edit to the healthcheck shows as drift before the container is recreated', async () => {
      const edited = readFileSync(file, 'utf8').replace('test: ["CMD", "true"]', 'test: ["CMD-SHELL", "exit 0"]').replace('interval: 5s', 'interval: 7s');
      const web = (await state(edited)).services.get('web')!;
      assert.deepEqual(
        web.running[0].drift.map((d) => [d.field, d.container, d.file]),
        [
          ['test', '["CMD","true"]', '["CMD-SHELL","exit 0"]'],
          ['interval', '5s', '7s'],
        ],
      );
    });

    it("the recreate action (built from the container labels) applies the saved file, and the drift is gone (1.29 can't on Engine 25+)", async () => {
      const before = (await state()).services.get('web')!.running[0].container;
      writeFileSync(file, readFileSync(file, 'utf8').replace('interval: 5s', 'interval: 7s'));
      const recreate = run(cli, upFromLabels(before.labels, 'web', folder), env);
      if (version === 'v1' && (await engineApiAtLeast(44))) {
        // docker-compose 1.29 reads the old image's ContainerConfig to recreate, which Engine 25+ no
        // longer returns: it fails with KeyError 'ContainerConfig' (docker/compose#11742; seen here on
        // Engine 26.1.5). Only Compose v2 can recreate there.
        await assert.rejects(recreate, /'ContainerConfig'/);
        return;
      }
      await recreate;
      const web = (await state()).services.get('web')!;
      assert.equal(web.running.length, 1);
      assert.notEqual(web.running[0].container.id, before.id, 'a new container');
      assert.deepEqual(web.running[0].drift, []);
    });

    it("a block with timing but no test runs the image's command (none here: nothing to run)", async () => {
      await run(cli, upForFile(file, 'quiet'), env);
      const quiet = (await state()).services.get('quiet')!;
      assert.equal(quiet.running.length, 1);
      assert.equal(quiet.check.kind, 'image-command');
      assert.deepEqual(quiet.running[0].plan, { ok: false, reason: 'no-image-check', message: 'no test here and the image has no HEALTHCHECK: Docker runs no probe' });
    });
  });
}
