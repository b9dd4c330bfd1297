import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';
import type { RenderedItem, TreeTestApi } from '../../../src/tree/testApi';
import { healthcheckLine, lensesOf } from '../probe/composeContainer';
import { untilTree } from '../tree/untilTree';

// The Compose these tests run: COMPOSE_HEALTH_TEST_COMPOSE=v2|v1 (test/support/compose.mjs, v2 unless told).
const composeSupport: typeof import('../../support/compose.mjs') = require(path.resolve(__dirname, '../../../../test/support/compose.mjs'));
const version = composeSupport.testComposeVersion();
const [executable, ...prefix] = composeSupport.composeArgv(version);
const cli = { flavour: version, executable, prefix, label: composeSupport.composeArgv(version).join(' ') };

/** Every project this suite starts is named after the branch and this extension host's pid. */
const RUN = `chidentity-${process.pid}`;
const IMAGE = 'compose-health/busybox:test';
/** `web` runs and becomes healthy within a second or two; `spare` is defined but not started. */
const SERVICES = `services:
  web:
    image: ${IMAGE}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
  spare:
    image: ${IMAGE}
    command: ["sleep", "3600"]
    healthcheck:
      test: ["CMD", "true"]
`;

function compose(cwd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(cli.executable, [...cli.prefix, ...args], { cwd, timeout: 90_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${cli.label} ${args.join(' ')} in ${cwd} failed: ${stderr || error.message}`)) : resolve(),
    ),
  );
}

const find = (rows: RenderedItem[] | undefined, label: string) => rows?.find((r) => r.label === label);

describe(`host: one project row per Compose project, whatever names it (${cli.label})`, function () {
  this.timeout(120_000);
  let api: TreeTestApi;
  let root: string;
  /** Projects to take down afterwards: the folder Compose ran in and the name it ran under. */
  const started: Array<{ cwd: string; project: string }> = [];

  /** The projects whose services are defined by the compose files of exactly this folder. */
  const projectsDefinedIn = (dir: string) =>
    api.store
      .projects('all')
      .filter((p) => p.services.some((s) => s.definition && path.dirname(s.definition.file) === dir))
      .map((p) => p.name);

  async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
    // `.env` first, so the compose file is read with it from the start.
    for (const name of Object.keys(files).sort((a, b) => Number(b === '.env') - Number(a === '.env'))) {
      await vscode.workspace.fs.writeFile(vscode.Uri.file(path.join(dir, name)), new TextEncoder().encode(files[name]));
    }
  }

  /** Before anything runs: one row, under the name Compose would give the project, every service "not created". */
  async function expectBeforeRun(dir: string, name: string): Promise<void> {
    await untilTree(api, () => projectsDefinedIn(dir).length === 1 && projectsDefinedIn(dir)[0] === name, `only ${name} for ${dir} before anything runs`);
    assert.ok(api.store.projects('all').find((p) => p.name === name)!.services.every((s) => s.status === 'notCreated'));
  }

  /**
   * After `up -d web`: one row, the real project, with web's live health and its container, "spare" not
   * created inside it, no other project for the folder's files; the lens of each file finds the container.
   */
  async function expectRunning(dir: string, project: string, lensFiles: string[], notCreated: string[]): Promise<void> {
    const rows = await untilTree(api, (r) => find(find(r, project)?.children, 'web')?.description === 'healthy', `${project}/web healthy`);
    assert.deepEqual(projectsDefinedIn(dir), [project], 'one project for the folder, no phantom under another name');
    const services = Object.fromEntries(find(rows, project)!.children!.map((s) => [s.label, s]));
    assert.deepEqual(Object.keys(services).sort(), ['web', ...notCreated].sort());
    assert.deepEqual(services.web.children!.map((c) => [c.label, c.description]), [[composeSupport.composeContainerName(project, 'web', 1, version), 'healthy']]);
    for (const name of notCreated) assert.equal(services[name].description, 'not created', `${name} is not created inside ${project}`);
    for (const file of lensFiles) {
      const uri = vscode.Uri.file(path.join(dir, file));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const titles = (await lensesOf(uri)).filter((l) => l.line === healthcheckLine(document, 'web')).map((l) => l.title);
      assert.equal(titles[0], '$(play) Run probe');
      assert.match(titles[1] ?? '', /^\$\(pass\) healthy\b/, `the lens in ${file} finds ${project}'s web container`);
    }
  }

  before(async () => {
    const extension = vscode.extensions.getExtension<ComposeHealthExports>('compose-health.compose-health');
    assert.ok(extension, 'the extension is loaded');
    api = (await extension.activate()).tree;
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    // Only this workspace's projects count: others on the shared engine come and go.
    await vscode.workspace.getConfiguration('composeHealth').update('tree.projects', 'workspace', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await Promise.all(started.map(({ cwd, project }) => compose(cwd, ['-p', project, 'down', '-t', '0']).catch((error: Error) => console.error(error.message))));
    await vscode.workspace.getConfiguration('composeHealth').update('tree.projects', undefined, vscode.ConfigurationTarget.Global);
  });

  it('-p NAME: the status bar counts the real project, with the Services view never opened', async () => {
    const project = `${RUN}-flag`;
    assert.equal(api.view().visible, false, 'nothing opened the view');
    // Connected after activation because the workspace has a compose file: its two checked services, none running.
    await untilTree(api, () => api.statusBar() === '$(pulse) 0/2 healthy', 'the status bar before anything runs');
    await expectBeforeRun(root, path.basename(root));
    await compose(root, ['-p', project, 'up', '-d', 'web']);
    started.push({ cwd: root, project });
    await untilTree(api, () => api.statusBar() === '$(pulse) 1/2 healthy', 'the status bar counting web healthy, and no phantom project');
    await expectRunning(root, project, ['compose.yaml'], ['spare']);
    assert.equal(api.view().visible, false, 'the view was never opened');
  });

  it('-p NAME: Start service on the service nothing runs yet starts it in that project, not one named after the folder', async () => {
    const project = `${RUN}-flag`;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(root, 'compose.yaml')));
    const start = (await lensesOf(document.uri)).find((l) => l.line === healthcheckLine(document, 'spare') && l.command === 'composeHealth.startService');
    assert.ok(start, 'the lens of spare offers Start service');
    const opened = new Promise<vscode.Terminal>((resolve) => {
      const subscription = vscode.window.onDidOpenTerminal((terminal) => {
        subscription.dispose();
        resolve(terminal);
      });
    });
    const code = await vscode.commands.executeCommand<number | undefined>(start.command, ...(start.args ?? []));
    (await opened).dispose();
    assert.equal(code, 0, 'Compose exited 0');
    await untilTree(api, () => api.statusBar() === '$(pulse) 2/2 healthy', 'spare healthy too');
    assert.deepEqual(projectsDefinedIn(root), [project]);
    assert.equal(api.store.service(project, 'spare')?.status, 'healthy');
  });

  it('COMPOSE_PROJECT_NAME in .env names the project, before and after it runs', async () => {
    const dir = path.join(root, 'dotenv');
    const project = `${RUN}-env`;
    await writeFiles(dir, { '.env': `COMPOSE_PROJECT_NAME=${project}\n`, 'compose.yaml': SERVICES });
    await expectBeforeRun(dir, project);
    await compose(dir, ['up', '-d', 'web']);
    started.push({ cwd: dir, project });
    await expectRunning(dir, project, ['compose.yaml'], ['spare']);
  });

  it('name: (interpolated from .env) names the project, before and after it runs', async function () {
    // docker-compose 1.29 refuses a top-level name: ("'name' does not match any of the regexes: '^x-'").
    if (cli.flavour === 'v1') this.skip();
    const dir = path.join(root, 'named');
    const project = `${RUN}-named`;
    await writeFiles(dir, { '.env': `RUN_ID=${process.pid}\n`, 'compose.yaml': `name: chidentity-\${RUN_ID}-named\n${SERVICES}` });
    await expectBeforeRun(dir, project);
    await compose(dir, ['up', '-d', 'web']);
    started.push({ cwd: dir, project });
    await expectRunning(dir, project, ['compose.yaml'], ['spare']);
  });

  it('a base file and its override are one project; a service only the override defines is not created inside it', async () => {
    const project = `${RUN}-override`;
    const dir = path.join(root, project);
    const override = `services:
  web:
    healthcheck:
      interval: 2s
  extra:
    image: ${IMAGE}
    healthcheck:
      test: ["CMD", "true"]
`;
    await writeFiles(dir, { 'compose.yaml': SERVICES, 'compose.override.yaml': override });
    await expectBeforeRun(dir, project);
    await compose(dir, ['up', '-d', 'web']);
    started.push({ cwd: dir, project });
    await expectRunning(dir, project, ['compose.yaml', 'compose.override.yaml'], ['spare', 'extra']);
  });
});
