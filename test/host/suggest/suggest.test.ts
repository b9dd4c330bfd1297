import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';
import type { HealthStoreReader } from '../../../src/tree/testApi';
import { extensionActive, lensesOf } from '../probe/composeContainer';

// End to end in the real extension host on the real engine: a service with a running container and no
// healthcheck → the Suggest lens → the command tries checks in the container → the diff preview →
// Insert (accepted from the keyboard, as a user presses Enter in the quick pick) → the edit in the file
// → Recreate → Docker runs the inserted check and the store shows the service healthy.

const repoRoot = path.resolve(__dirname, '../../../..');
// tsc turns import() into require(), which cannot load the .mjs test support (ES modules).
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(s: string) => Promise<T>;
type ComposeSupport = typeof import('../../support/compose.mjs');
type ImageSupport = typeof import('../../support/suggestImages.mjs');

/** A project name of this run's own: `-p` makes Compose use it, and the extension finds it by the file's config_files label. */
const PROJECT = `chsuggest-editor-${process.pid}`;
const PREVIEW_SCHEME = 'compose-health-suggestion';

function run(argv: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(argv[0], argv.slice(1), { cwd }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }));
  });
}

/** Resolves once the store satisfies `check` (re-checked on each store change), with a deadline. */
function untilStore(store: HealthStoreReader, check: () => boolean, what: string, deadlineMs: number): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, deadlineMs);
    const subscription = store.onDidChange(() => {
      if (!check()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/** Resolves with the preview diff's tab once one opens. */
function previewOpened(): Promise<vscode.TabInputTextDiff> {
  const find = (): vscode.TabInputTextDiff | undefined =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .map((t) => t.input)
      .find((input): input is vscode.TabInputTextDiff => input instanceof vscode.TabInputTextDiff && input.modified.scheme === PREVIEW_SCHEME);
  return new Promise((resolve) => {
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      const found = find();
      if (!found) return;
      subscription.dispose();
      resolve(found);
    });
  });
}

/**
 * Runs the command as a lens click does and answers the preview: resolves with the preview's text
 * once the command ended. The quick pick (Insert first) is shown once the diff is open; there is no
 * event for a quick pick opening, so Enter is pressed in it until the command ends (a no-op while
 * none is shown), with a deadline.
 */
async function suggestAndAccept(lens: { command: string; args?: unknown[] }, onPreview: (diff: vscode.TabInputTextDiff) => Promise<void>, answer = 'workbench.action.acceptSelectedQuickOpenItem'): Promise<void> {
  const opened = previewOpened();
  let settled = false;
  const done = Promise.resolve(vscode.commands.executeCommand(lens.command, ...(lens.args ?? []))).finally(() => (settled = true));
  await onPreview(await opened);
  const deadline = Date.now() + 30_000;
  while (!settled && Date.now() < deadline) {
    await vscode.commands.executeCommand(answer);
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 200))]);
  }
  assert.ok(settled, `the command ended after ${answer}`);
  await done;
}

describe('host: suggest a healthcheck from the lens, insert it, recreate', function () {
  this.timeout(240_000);
  let compose: ComposeSupport;
  let store: HealthStoreReader;
  let uri: vscode.Uri;
  let folder: string;

  const composeRun = async (...args: string[]): Promise<void> => {
    const result = await run([...compose.composeArgv(), '-p', PROJECT, '-f', uri.fsPath, ...args], folder);
    assert.equal(result.code, 0, `compose ${args.join(' ')}: ${result.stderr}`);
  };
  const service = (name: string) => store.service(PROJECT, name);

  before(async () => {
    compose = await importEsm<ComposeSupport>(path.join(repoRoot, 'test/support/compose.mjs'));
    const images = await importEsm<ImageSupport>(path.join(repoRoot, 'test/support/suggestImages.mjs'));
    images.ensureSuggestImages();
    await extensionActive();
    const extension = vscode.extensions.getExtension<ComposeHealthExports>('compose-health.compose-health')!;
    store = (await extension.activate()).tree.store;
    [uri] = await vscode.workspace.findFiles('compose.yaml');
    folder = path.dirname(uri.fsPath);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await composeRun('up', '-d', 'web', 'broken');
    await untilStore(store, () => service('web')?.containers.some((c) => c.record.state === 'running') === true, 'the running web container in the store', 60_000);
  });

  after(async () => {
    if (compose && uri) await composeRun('down', '-t', '0');
  });

  it('shows the Suggest lens on a running service without a healthcheck, and not on one that does not run', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const lines = document.getText().split('\n');
    const lenses = await lensesOf(uri);
    const suggest = lenses.filter((l) => l.title === '$(lightbulb) Suggest a healthcheck');
    assert.deepEqual(
      suggest.map((l) => [l.line, l.title]),
      [[lines.indexOf('  web:'), '$(lightbulb) Suggest a healthcheck']],
    );
    assert.equal(suggest[0].command, 'composeHealth.suggestHealthcheck');
    assert.equal(suggest[0].args?.[1], 'web');
  });

  it('offers the same as a code action on the service key', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const line = document.getText().split('\n').indexOf('  idle:');
    const at = new vscode.Range(line, 3, line, 3);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, at)) ?? [];
    const action = actions.find((a) => a.command?.command === 'composeHealth.suggestHealthcheck');
    assert.equal(action?.title, 'Suggest a healthcheck for idle');
    assert.deepEqual(action?.command?.arguments?.[1], 'idle');
  });

  it('runs the checks in the container, previews the edit, inserts it on accept, and Docker turns the recreated service healthy', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    const lens = (await lensesOf(uri)).find((l) => l.title === '$(lightbulb) Suggest a healthcheck')!;
    const clicked = Date.now();
    let proposed = '';
    await suggestAndAccept(lens, async (diff) => {
      // A figure for the note, not an assertion: the click to the preview.
      console.log(`      click → preview: ${Date.now() - clicked} ms`);
      assert.equal(diff.original.toString(), uri.toString(), 'the diff compares the file as it is…');
      proposed = (await vscode.workspace.openTextDocument(diff.modified)).getText();
      assert.match(proposed, /\n {4}healthcheck:\n {6}test: \['CMD', 'wget', '-q', '-O-', 'http:\/\/127\.0\.0\.1:8080\/healthz'\]\n/, "…with the healthcheck that passed, in the file's quote style");
      assert.equal(document.getText(), before, 'nothing is written before the answer');
    });

    const after = document.getText();
    assert.equal(after, proposed, 'the document now holds what the preview showed');
    assert.ok(document.isDirty, 'inserted as an edit of the open document (undoable), not written behind its back');
    assert.equal(
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === PREVIEW_SCHEME),
      false,
      'the preview closed',
    );
    assert.ok(!(await lensesOf(uri)).some((l) => l.title === '$(lightbulb) Suggest a healthcheck'), 'web has a healthcheck now: no Suggest lens');

    await document.save();
    let unhealthy = false;
    const watch = store.onDidChange(() => {
      if (service('web')?.containers.some((c) => c.record.health === 'unhealthy')) unhealthy = true;
    });
    try {
      const terminalOpened = new Promise<vscode.Terminal>((resolve) => {
        const sub = vscode.window.onDidOpenTerminal((t) => {
          sub.dispose();
          resolve(t);
        });
      });
      const code = await vscode.commands.executeCommand<number | undefined>('composeHealth.recreateService', uri, 'web');
      (await terminalOpened).dispose();
      assert.equal(code, 0, 'Compose recreated web');
      await untilStore(store, () => service('web')?.status === 'healthy', 'web healthy', 120_000);
      assert.equal(unhealthy, false, 'no unhealthy on the way to healthy');
    } finally {
      watch.dispose();
    }
  });

  it("from the Services view's service row: finds the file that defines it; Escape in the preview leaves the file as it is", async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    // The row's element, as the tree hands it to a context-menu command (src/tree/elements.ts).
    const row = { kind: 'service', id: `service:${PROJECT}/web`, project: PROJECT, service: 'web' };
    let previewed: vscode.Uri | undefined;
    await suggestAndAccept({ command: 'composeHealth.suggestHealthcheck', args: [row] }, async (diff) => void (previewed = diff.original), 'workbench.action.closeQuickOpen');
    assert.equal(previewed?.toString(), uri.toString(), 'the preview is of the file that defines web');
    assert.equal(document.getText(), text, 'Cancel: nothing inserted');
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff), false, 'the preview closed');
  });

  it('after a probe whose program is not in the image (exit 127), offers Replace on the healthcheck and replaces it in place', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.commands.executeCommand('composeHealth.runProbe', uri, 'broken');
    const lines = document.getText().split('\n');
    const healthcheckLine = lines.findIndex((l, i) => i > lines.indexOf('  broken:') && l === '    healthcheck:');
    const replace = (await lensesOf(uri)).find((l) => l.title === '$(lightbulb) Replace with a check that works here');
    assert.ok(replace, 'a Replace lens after the probe exited 127');
    assert.equal(replace.line, healthcheckLine, 'the Replace lens sits on the failing healthcheck');
    assert.deepEqual(replace.args?.[1], 'broken');
    await suggestAndAccept(replace, async () => undefined);
    const text = document.getText();
    const broken = text.slice(text.indexOf('  broken:'), text.indexOf('  idle:'));
    assert.doesNotMatch(broken, /curl/, 'the check that could not run is gone');
    assert.match(broken, /test: \['CMD', 'wget', '-q', '-O-', 'http:\/\/127\.0\.0\.1:8080\/health'\]/);
    assert.equal(broken.match(/healthcheck:/g)?.length, 1, 'replaced, not added twice');
    assert.match(text, /# Its check needs curl/, 'comments are kept');
  });

  it('on a service with no running container: nothing runs, no preview opens, the file is unchanged', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    await vscode.commands.executeCommand('composeHealth.suggestHealthcheck', uri, 'idle');
    assert.equal(document.getText(), text);
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff), false);
  });
});
