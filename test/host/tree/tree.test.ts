import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';
import type { RenderedItem, TreeTestApi } from '../../../src/tree/testApi';
import { untilTree } from './untilTree';
import { createComposeContainer, dockerAt, exec, removeProject } from '../../engine/health/support';

const PROJECT = 'chtreehost';
/** Stops promptly on SIGTERM (a shell trap), so a restart does not wait out Docker's 10 s grace period. */
const WEB_CMD = ['sh', '-c', "trap 'exit 0' TERM; touch /tmp/ok; while :; do sleep 1; done"];

const find = (rows: RenderedItem[] | undefined, label: string) => rows?.find((r) => r.label === label);

describe('host: the Services tree', function () {
  this.timeout(90_000);
  const docker = dockerAt();
  let api: TreeTestApi;

  before(async () => {
    await removeProject(docker, PROJECT);
    const extension = vscode.extensions.getExtension<ComposeHealthExports>('compose-health.compose-health');
    assert.ok(extension, 'the extension is loaded');
    api = (await extension.activate()).tree;
  });

  after(async () => {
    await removeProject(docker, PROJECT);
  });

  it('connects by itself once the workspace compose file is found, without the view being shown', async () => {
    assert.equal(api.view().visible, false, 'nothing has opened the view yet');
    await untilTree(api, () => [...api.store.state.engines.values()][0]?.kind === 'connected', 'the connection');
    await vscode.commands.executeCommand('composeHealth.services.focus');
  });

  it('shows project → service → container with icons and descriptions, and a not-created service', async () => {
    const dir = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const spec = { project: PROJECT, workingDir: dir, healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 300 } };
    const containers = await Promise.all([
      createComposeContainer(docker, { ...spec, service: 'web', number: 1, cmd: WEB_CMD }),
      createComposeContainer(docker, { ...spec, service: 'web', number: 2, cmd: WEB_CMD }),
      createComposeContainer(docker, { project: PROJECT, workingDir: dir, service: 'db', cmd: ['sleep', '3600'] }),
    ]);
    await Promise.all(containers.map((c) => c.start()));

    const rows = await untilTree(api, (r) => find(find(r, PROJECT)?.children, 'web')?.description === 'healthy · 2/2', 'web healthy · 2/2');
    const project = find(rows, PROJECT)!;
    assert.match(rows[0].label, /^Docker \d/, 'the first row names the engine');
    assert.equal(rows[0].description, 'unix:///var/run/docker.sock');
    assert.equal(rows[0].icon, 'server-environment');
    assert.equal(rows[1].label, PROJECT, 'the workspace project comes first');
    assert.equal(project.collapsible, 'expanded');
    assert.equal(project.contextValue, 'project workspace');
    const services = Object.fromEntries(project.children!.map((s) => [s.label, s]));
    assert.deepEqual(Object.keys(services), ['db', 'web', 'worker']);
    assert.equal(services.web.icon, 'pass@testing.iconPassed');
    assert.equal(services.db.description, 'running · no healthcheck');
    assert.equal(services.db.icon, 'circle-outline@foreground');
    assert.equal(services.worker.description, 'not created');
    assert.equal(services.worker.icon, 'circle-slash@disabledForeground');
    assert.match(services.worker.contextValue ?? '', /\bdefinable\b.*\bnotCreated\b/);
    assert.deepEqual(
      services.web.children!.map((c) => [c.label, c.description, c.icon]),
      [
        [`${PROJECT}-web-1`, 'healthy', 'pass@testing.iconPassed'],
        [`${PROJECT}-web-2`, 'healthy', 'pass@testing.iconPassed'],
      ],
    );
    assert.equal(services.web.children![0].contextValue, 'container running healthcheck');
    assert.equal(path.basename(api.store.service(PROJECT, 'worker')?.definition?.file ?? ''), 'compose.yaml');
  });

  it('updates the rows when a container turns unhealthy, and counts it on the view badge', async () => {
    const web2 = docker.getContainer((await docker.listContainers({ filters: { name: [`${PROJECT}-web-2`] } }))[0].Id);
    await exec(web2, ['rm', '/tmp/ok']);
    // The rows read the store; the badge is set with the (coalesced) redraw that follows: wait for both.
    // Other projects on the shared engine may be unhealthy too, so the badge is compared with the store.
    const badgeCounts = () => api.view().badge !== undefined && api.view().badge === api.store.summary().unhealthy;
    const rows = await untilTree(api, (r) => find(find(r, PROJECT)?.children, 'web')?.description === 'unhealthy · 1/2' && badgeCounts(), 'web unhealthy · 1/2 and the badge');
    const web = find(find(rows, PROJECT)!.children, 'web')!;
    assert.equal(web.icon, 'error@testing.iconFailed');
    assert.deepEqual(
      web.children!.map((c) => [c.description, c.icon]),
      [
        ['healthy', 'pass@testing.iconPassed'],
        ['unhealthy', 'error@testing.iconFailed'],
      ],
    );
    assert.equal(find(rows, PROJECT)!.description, '0/2 healthy');
    assert.ok(api.store.summary().unhealthy >= 1);
    assert.deepEqual(api.view(), { badge: api.store.summary().unhealthy, description: 'unix:///var/run/docker.sock', message: undefined, visible: true });
  });

  it('opens the service definition at its healthcheck, copies a container id, shows the full probe log', async () => {
    await vscode.commands.executeCommand('composeHealth.openDefinition', { kind: 'service', id: `service:${PROJECT}/web`, project: PROJECT, service: 'web' });
    const editor = vscode.window.activeTextEditor;
    assert.equal(path.basename(editor?.document.uri.fsPath ?? ''), 'compose.yaml');
    assert.equal(editor?.document.lineAt(editor.selection.active.line).text.trim(), 'healthcheck:', 'the cursor is on the healthcheck key');

    const record = api.store.service(PROJECT, 'web')!.containers[1].record;
    const element = { kind: 'container', id: `container:${record.id}`, containerId: record.id, project: PROJECT, service: 'web' };
    await vscode.commands.executeCommand('composeHealth.copyContainerId', element);
    assert.equal(await vscode.env.clipboard.readText(), record.id);

    await vscode.commands.executeCommand('composeHealth.showProbeLog', element);
    const log = vscode.window.activeTextEditor?.document;
    assert.equal(log?.uri.scheme, 'compose-health-probe-log');
    assert.match(log?.getText() ?? '', new RegExp(`Container ${record.name} .*\\n.*unhealthy; failing streak \\d+`));
    assert.match(log?.getText() ?? '', /Healthcheck: CMD-SHELL test -f \/tmp\/ok/);
  });

  it('restarts a container (the rows follow it back to healthy) and follows its logs in a terminal', async () => {
    const record = api.store.service(PROJECT, 'web')!.containers[0].record;
    const element = { kind: 'container', id: `container:${record.id}`, containerId: record.id, project: PROJECT, service: 'web' };
    const before = (await docker.getContainer(record.id).inspect()).State.StartedAt;
    await vscode.commands.executeCommand('composeHealth.restartContainer', element);
    assert.notEqual((await docker.getContainer(record.id).inspect()).State.StartedAt, before, 'the container was restarted');
    await untilTree(api, (r) => find(find(find(r, PROJECT)?.children, 'web')?.children, record.name)?.description === 'healthy' && api.store.container(record.id)?.state === 'running', 'the restarted container healthy again');

    await vscode.commands.executeCommand('composeHealth.showContainerLogs', element);
    assert.ok(vscode.window.terminals.some((t) => t.name === `Logs: ${record.name}`), 'a log terminal is open');
  });

  it('a stopped container shows exited', async () => {
    await docker.getContainer((await docker.listContainers({ filters: { name: [`${PROJECT}-db-1`] } }))[0].Id).stop({ t: 0 });
    const rows = await untilTree(api, (r) => /^exited/.test(find(find(r, PROJECT)?.children, 'db')?.description ?? ''), 'db exited');
    assert.equal(find(find(rows, PROJECT)!.children, 'db')!.icon, 'stop-circle@disabledForeground');
  });

  it('shows one row saying what failed and where while the engine is unreachable, and fills again by itself', async () => {
    const config = vscode.workspace.getConfiguration('composeHealth');
    await config.update('docker.host', 'unix:///tmp/chtree-no-engine.sock', vscode.ConfigurationTarget.Global);
    try {
      const rows = await untilTree(api, (r) => r.length === 1 && r[0].contextValue === 'engineDown', 'the engine-down row');
      assert.equal(rows[0].label, 'Cannot reach Docker at unix:///tmp/chtree-no-engine.sock: connect ENOENT');
      assert.equal(rows[0].icon, 'debug-disconnect@errorForeground');
      assert.equal(api.view().badge, undefined, 'no badge while nothing is known');
    } finally {
      await config.update('docker.host', undefined, vscode.ConfigurationTarget.Global);
    }
    const rows = await untilTree(api, (r) => find(r, PROJECT) !== undefined, 'the project back after the address is fixed');
    assert.match(rows[0].label, /^Docker \d/);
  });
});
