import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';
import type { RenderedItem, TreeTestApi } from '../../../src/tree/testApi';
import { codeOf, diagnosticsOf, fixture, ours } from '../diagnostics/waitFor';
import { lensesOf } from '../probe/composeContainer';
import { untilTree } from '../tree/untilTree';

const PROD = { project: 'chcomposefiles', service: 'api' };
const LEGACY = { project: 'chcomposefileslegacy', service: 'worker' };

const find = (rows: RenderedItem[] | undefined, label: string) => rows?.find((r) => r.label === label);
/** The service's row in the Services view, if any. */
const serviceRow = (rows: RenderedItem[], { project, service }: typeof PROD) => find(find(rows, project)?.children, service);

/** The lens titles of the file (the providers run as VS Code asks them for an open document). */
async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  await vscode.workspace.openTextDocument(uri);
  return (await lensesOf(uri)).map((l) => l.title);
}

async function setFiles(key: 'files' | 'diagnostics.files', value: string[] | undefined, target: vscode.ConfigurationTarget): Promise<void> {
  await vscode.workspace.getConfiguration('composeHealth').update(key, value, target);
}

// The suite runs in a temporary copy of test/fixtures/compose-files, whose .vscode/settings.json sets
// composeHealth.files to ["stack/*.yml"]; neither fixture file has a name Compose looks for.
describe('composeHealth.files: one compose-file policy for Problems, lenses and the Services view', function () {
  this.timeout(90_000);
  let api: TreeTestApi;
  let prod: vscode.Uri;
  let legacy: vscode.Uri;

  before(async () => {
    const extension = vscode.extensions.getExtension<ComposeHealthExports>('compose-health.compose-health');
    assert.ok(extension, 'the extension is loaded');
    api = (await extension.activate())!.tree;
    prod = fixture('stack', 'prod.yml');
    legacy = fixture('legacy', 'old.yml');
  });

  it('a file matched only by composeHealth.files gets Problems, the probe lenses and its services in the Services view', async () => {
    assert.deepEqual((await diagnosticsOf(prod, (d) => d.length > 0)).map((d) => codeOf(d).value), ['curl-without-fail']);
    const titles = await lensTitles(prod);
    assert.equal(titles[0], '$(play) Run probe', `the lens above its healthcheck: ${JSON.stringify(titles)}`);
    const rows = await untilTree(api, (r) => serviceRow(r, PROD)?.description === 'not created', `${PROD.project} › ${PROD.service} in the tree`);
    assert.equal(serviceRow(rows, PROD)?.contextValue?.includes('definable'), true, 'its definition can be opened from the row');
    assert.equal(api.store.service(PROD.project, PROD.service)?.definition?.file, prod.fsPath);
  });

  it('a YAML file no pattern matches gets none of them', async () => {
    await diagnosticsOf(prod, (d) => d.length > 0);
    assert.deepEqual(ours(legacy), []);
    assert.deepEqual(await lensTitles(legacy), []);
    assert.equal(api.store.state.workspaceFiles.has(legacy.fsPath), false);
  });

  it('the deprecated composeHealth.diagnostics.files is read while composeHealth.files is unset, and ignored once it is set', async () => {
    try {
      await setFiles('diagnostics.files', ['legacy/*.yml'], vscode.ConfigurationTarget.Global);
      const legacyFound = diagnosticsOf(legacy, (d) => d.length > 0);
      const prodDropped = diagnosticsOf(prod, (d) => d.length === 0);
      await setFiles('files', undefined, vscode.ConfigurationTarget.Workspace);
      assert.deepEqual((await legacyFound).map((d) => codeOf(d).value), ['curl-without-fail']);
      assert.deepEqual(await prodDropped, [], 'stack/prod.yml is no longer a compose file');
      assert.equal((await lensTitles(legacy))[0], '$(play) Run probe');
      assert.deepEqual(await lensTitles(prod), []);
      await untilTree(api, (r) => serviceRow(r, LEGACY)?.description === 'not created' && !serviceRow(r, PROD), `${LEGACY.project} in the tree and ${PROD.project} gone`);

      // Both set: the new setting wins.
      const prodBack = diagnosticsOf(prod, (d) => d.length > 0);
      const legacyDropped = diagnosticsOf(legacy, (d) => d.length === 0);
      await setFiles('files', ['stack/*.yml'], vscode.ConfigurationTarget.Workspace);
      assert.deepEqual((await prodBack).map((d) => codeOf(d).value), ['curl-without-fail']);
      assert.deepEqual(await legacyDropped, []);
      assert.deepEqual(await lensTitles(legacy), []);
      await untilTree(api, (r) => serviceRow(r, PROD)?.description === 'not created' && !serviceRow(r, LEGACY), `${PROD.project} back in the tree and ${LEGACY.project} gone`);
    } finally {
      await setFiles('diagnostics.files', undefined, vscode.ConfigurationTarget.Global);
      await setFiles('files', ['stack/*.yml'], vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a file created on disk that matches a pattern joins the Services view and gets Problems', async () => {
    const created = fixture('stack', 'staging.yml');
    const staging = { project: 'chcomposefilesstaging', service: 'web' };
    const appeared = diagnosticsOf(created, (d) => d.length > 0);
    await vscode.workspace.fs.writeFile(
      created,
      new TextEncoder().encode(`name: ${staging.project}\nservices:\n  web:\n    image: compose-health/busybox:test\n    healthcheck:\n      test: NONE\n`),
    );
    try {
      assert.deepEqual((await appeared).map((d) => codeOf(d).value), ['test-none-string']);
      await untilTree(api, (r) => serviceRow(r, staging)?.description === 'not created', `${staging.project} in the tree`);
    } finally {
      const gone = diagnosticsOf(created, (d) => d.length === 0);
      await vscode.workspace.fs.delete(created);
      await gone;
    }
    await untilTree(api, (r) => !find(r, staging.project), `${staging.project} gone from the tree`);
  });
});
