import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';
import type { RenderedItem, TreeTestApi } from '../../../src/tree/testApi';
import { lensesOf, type LensView } from '../probe/composeContainer';
import { screenshot } from '../screenshot';
import { untilTree } from '../tree/untilTree';
import { createComposeContainer, dockerAt, exec, removeProject } from '../../engine/health/support';

const PROJECT = 'chmulti14host';
const SYSTEM = 'unix:///var/run/docker.sock';
const ENGINE26 = 'unix:///run/compose-health-engine26/docker.sock';
const WEB_CMD = ['sh', '-c', "trap 'exit 0' TERM; touch /tmp/ok; while :; do sleep 1; done"];

const webOf = (engine: RenderedItem | undefined) => engine?.children?.find((p) => p.label === PROJECT)?.children?.find((s) => s.label === 'web');

/** The workspace lists two engines, a duplicate of the first and a missing context (.vscode/settings.json). */
describe('host: several engines in the Services tree', function () {
  this.timeout(90_000);
  const engines = [dockerAt(SYSTEM), dockerAt(ENGINE26)];
  let api: TreeTestApi;
  let exports: ComposeHealthExports;

  before(async () => {
    await Promise.all(engines.map((docker) => removeProject(docker, PROJECT)));
    const extension = vscode.extensions.getExtension<ComposeHealthExports>('compose-health.compose-health');
    assert.ok(extension, 'the extension is loaded');
    exports = await extension.activate();
    api = exports.tree;
  });

  after(async () => {
    await Promise.all(engines.map((docker) => removeProject(docker, PROJECT)));
  });

  it('shows each engine as a top-level row with its own projects, and a missing context as its own row', async () => {
    const dir = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const spec = { project: PROJECT, service: 'web', workingDir: dir, cmd: WEB_CMD, healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 300 } };
    const containers = await Promise.all(engines.map((docker) => createComposeContainer(docker, spec)));
    await Promise.all(containers.map((c) => c.start()));
    await vscode.commands.executeCommand('composeHealth.services.focus');

    const rows = await untilTree(api, (r) => r.length === 3 && webOf(r[0])?.description === 'healthy' && webOf(r[1])?.description === 'healthy', 'web healthy under both engines');
    assert.match(rows[0].label, /^Docker 20\.10\./);
    assert.equal(rows[0].description, SYSTEM);
    assert.equal(rows[0].collapsible, 'expanded');
    assert.match(rows[1].label, /^Docker 26\./);
    assert.equal(rows[1].description, ENGINE26);
    assert.match(rows[2].label, /Docker context "chmulti14-gone" \(from composeHealth\.engines\) does not exist/);
    assert.equal(rows[2].contextValue, 'engineDown', 'the missing context offers Retry and says what to do');
    assert.equal(rows.filter((r) => r.description === SYSTEM).length, 1, 'the `default` context reaches the first engine: shown once');

    assert.equal(api.statusBar(), '$(pulse) 2/2 healthy', 'the status bar sums over the engines');
    assert.equal(api.view().description, '2/3 engines');
    await screenshot('host-two-engines');
  });

  it("redraws a health change under its own engine only, and the badge counts it", async () => {
    const [, on26] = await Promise.all(engines.map((docker) => docker.listContainers({ filters: { label: [`com.docker.compose.project=${PROJECT}`] } })));
    await exec(engines[1].getContainer(on26[0].Id), ['rm', '/tmp/ok']);
    const rows = await untilTree(api, (r) => webOf(r[1])?.description === 'unhealthy', 'web unhealthy under Engine 26');
    assert.equal(webOf(rows[0])?.description, 'healthy', 'the same service on the other engine is unchanged');
    assert.equal(api.statusBar(), '$(pulse) 1/2 healthy');
    assert.equal(api.view().badge, 1);
  });

  it('draws the probe lens from the engine the file\'s project runs on, not the first engine', async () => {
    await removeProject(engines[0], PROJECT);
    await untilTree(api, (r) => webOf(r[0])?.description === 'not created' && webOf(r[1])?.description === 'unhealthy', 'web only on Engine 26');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'compose.yaml'));
    await vscode.window.showTextDocument(document);
    const reads = (lenses: LensView[]) => lenses.some((l) => /unhealthy/.test(l.title));
    let lenses = await lensesOf(document.uri);
    const deadline = Date.now() + 20_000;
    // The lenses redraw on their own event when the health they show changes; asked again after each.
    while (!reads(lenses) && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        const once = exports.probe.onDidChangeCodeLenses(() => {
          clearTimeout(timer);
          once.dispose();
          resolve();
        });
      });
      lenses = await lensesOf(document.uri);
    }
    assert.ok(reads(lenses), `a lens shows Engine 26's unhealthy web: ${JSON.stringify(lenses.map((l) => l.title))}`);
    assert.ok(!lenses.some((l) => /no running container/.test(l.title)), 'the first engine, where nothing runs, is not the one asked');
  });
});
