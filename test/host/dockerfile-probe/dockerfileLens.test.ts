import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { docker, extensionActive, lensesOf, removeComposeProject, runStartLens, type LensView } from '../probe/composeContainer';

// The fixture's .env sets COMPOSE_PROJECT_NAME, and compose.yaml names the images: everything made here
// is chlens13-dfprobe*.
const PROJECT = 'chlens13-dfprobe';
const IMAGES = ['chlens13-dfprobe/web:test', 'chlens13-dfprobe/idle:test'];
const run = promisify(execFile);

// The host tier runs this suite with Compose v2 and again with docker-compose 1.29 as the only Compose (suite.json).
const V1 = process.env.COMPOSE_HEALTH_TEST_COMPOSE === 'v1';

/** The Compose the tier chose, in the fixture folder: it reads .env there. */
async function compose(folder: string, ...args: string[]): Promise<void> {
  const [command, ...prefix] = V1 ? ['docker-compose'] : ['docker', 'compose'];
  await run(command, [...prefix, ...args], { cwd: folder, timeout: 120_000 });
}

/** 0-based line of the nth (1-based) HEALTHCHECK of the document. */
function healthcheckLine(document: vscode.TextDocument, nth: number): number {
  const lines = document.getText().split('\n');
  const found = lines.map((l, i) => (l.startsWith('HEALTHCHECK') ? i : -1)).filter((i) => i >= 0);
  return found[nth - 1];
}

/**
 * The lenses of a file once `ready` accepts them. A container Compose just started reaches the lenses
 * through the health store's event stream, which has no event the test can await: poll, with a deadline.
 */
async function lensesWhen(uri: vscode.Uri, ready: (lenses: LensView[]) => boolean, what: string, deadlineMs = 20_000): Promise<LensView[]> {
  const deadline = Date.now() + deadlineMs;
  let lenses = await lensesOf(uri);
  while (!ready(lenses) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    lenses = await lensesOf(uri);
  }
  assert.ok(ready(lenses), `${what}; the lenses were ${JSON.stringify(lenses.map((l) => [l.line, l.title]))}`);
  return lenses;
}

describe('Run probe on a Dockerfile HEALTHCHECK (a service built with Compose on the real engine)', () => {
  let folder: string;
  let web: vscode.Uri;
  let idle: vscode.Uri;

  before(async function () {
    this.timeout(180_000);
    await extensionActive();
    const [composeFile] = await vscode.workspace.findFiles('compose.yaml');
    assert.ok(composeFile, 'the fixture workspace has a compose.yaml');
    folder = path.dirname(composeFile.fsPath);
    web = vscode.Uri.file(path.join(folder, 'app', 'Dockerfile'));
    idle = vscode.Uri.file(path.join(folder, 'idle', 'Dockerfile'));
    await compose(folder, 'build', 'web');
    await compose(folder, 'up', '-d', 'web');
  });

  after(async function () {
    this.timeout(60_000);
    await removeComposeProject(PROJECT);
    for (const image of IMAGES) await docker.getImage(image).remove({ force: true }).catch(() => undefined);
  });

  it('the lens is on the HEALTHCHECK that counts (the last of the stage web builds), not on the one it replaces', async () => {
    const document = await vscode.workspace.openTextDocument(web);
    await vscode.window.showTextDocument(document);
    const lenses = await lensesWhen(web, (l) => l.some((x) => x.command === 'composeHealth.runDockerfileProbe' && !l.some((y) => /no running container/.test(y.title))), 'web runs');
    assert.deepEqual(
      lenses.map((l) => [l.line, l.title]),
      [[healthcheckLine(document, 2), '$(play) Run probe']],
    );
  });

  it('clicking it runs the check as written in the editor inside the container (its working directory, its shell) and shows the result in place', async () => {
    const document = await vscode.workspace.openTextDocument(web);
    const line = healthcheckLine(document, 2);
    const [lens] = (await lensesOf(web)).filter((l) => l.line === line);
    await vscode.commands.executeCommand(lens.command, ...(lens.args ?? []));
    const after = (await lensesOf(web)).filter((l) => l.line === line).map((l) => l.title);
    assert.equal(after.length, 2, JSON.stringify(after));
    assert.match(after[1], /^\$\(pass\) exit 0 · \d+ ms$/);

    // An unsaved edit: the image (and the container's own check) still have the old text; the lens runs the new one.
    const editor = await vscode.window.showTextDocument(document);
    const old = document.lineAt(line);
    assert.ok(await editor.edit((e) => e.replace(old.range, 'HEALTHCHECK --timeout=5s CMD echo "failing in $PWD"; exit 3')));
    const [edited] = (await lensesOf(web)).filter((l) => l.line === line);
    assert.equal(edited.title, '$(play) Run probe', 'the edit dropped the old result');
    await vscode.commands.executeCommand(edited.command, ...(edited.args ?? []));
    const failed = (await lensesOf(web)).filter((l) => l.line === line).map((l) => l.title);
    assert.equal(failed[1], '$(error) exit 3 · failing in /srv');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('HEALTHCHECK NONE: the lens says why, with nothing to click', async () => {
    const document = await vscode.workspace.openTextDocument(web);
    const editor = await vscode.window.showTextDocument(document);
    const line = healthcheckLine(document, 2);
    assert.ok(await editor.edit((e) => e.replace(document.lineAt(line).range, 'HEALTHCHECK NONE')));
    try {
      const lenses = (await lensesOf(web)).filter((l) => l.line === line);
      assert.deepEqual(lenses.map((l) => l.title), ['$(circle-slash) HEALTHCHECK NONE: the image has no check, so nothing to run']);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('no running container: the lens says so and Start runs compose up -d <service>, after which the lens offers the probe', async function () {
    this.timeout(120_000);
    const document = await vscode.workspace.openTextDocument(idle);
    await vscode.window.showTextDocument(document);
    const line = healthcheckLine(document, 1);
    const lenses = (await lensesOf(idle)).filter((l) => l.line === line);
    assert.deepEqual(lenses.map((l) => l.title), ['$(play) Run probe', '$(debug-disconnect) no running container · Start idle']);
    const start = lenses[1];
    assert.equal(start.command, 'composeHealth.startService');
    assert.equal(start.args?.[1], 'idle');
    const { code, terminal } = await runStartLens(start);
    try {
      assert.equal(code, 0, 'Compose built the image and started the service');
      // The extension picks v2 when the Docker CLI has the plugin, else 1.29.
      assert.equal(terminal.name, `${V1 ? 'docker-compose' : 'docker compose'} up idle`);
      const after = await lensesWhen(idle, (l) => !l.some((x) => /no running container/.test(x.title)), 'the started container reaches the lens');
      assert.deepEqual(after.filter((l) => l.line === line).map((l) => l.title), ['$(play) Run probe']);
    } finally {
      terminal.dispose();
    }
  });
});
