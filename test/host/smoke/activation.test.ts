import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';

const EXTENSION_ID = 'compose-health.compose-health';
const ACTIVATION_DEADLINE_MS = 30_000;

/**
 * Resolves once the extension is active. VS Code has no "extension activated" event for other
 * extensions, so this polls `isActive` with a deadline.
 */
async function activeWithin(extension: vscode.Extension<unknown>, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (!extension.isActive && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return extension.isActive;
}

describe('host smoke: the extension in a real VS Code extension host', () => {
  it('activates by itself on a workspace holding a compose file', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded in this extension host`);
    const folders = vscode.workspace.workspaceFolders ?? [];
    const composeFiles = await vscode.workspace.findFiles('**/{compose,docker-compose}*.{yaml,yml}');
    assert.ok(folders.length > 0 && composeFiles.length > 0, 'the test workspace holds a compose file');
    assert.ok(
      await activeWithin(extension, ACTIVATION_DEADLINE_MS),
      `${EXTENSION_ID} did not activate within ${ACTIVATION_DEADLINE_MS / 1000} s of opening a workspace with a compose file`,
    );
  });

  it('ships the engine code (dist/engine.js) apart, and loads it for the first connection: here the status bar\'s, view never opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
    // The extension host loads extensions with Node's require, so its module cache is this one. That
    // activate() itself does not load it shows in the activation time the host tier reports for the
    // installed .vsix; once activation has returned, the compose file found here starts the status
    // bar's connection, which needs it.
    const engineBundle = path.join(extension.extensionPath, 'dist/engine.js');
    assert.ok(fs.existsSync(engineBundle), `${engineBundle} ships beside dist/extension.js`);
    // No event tells a test that the connection started.
    const deadline = Date.now() + ACTIVATION_DEADLINE_MS;
    while (!(engineBundle in require.cache) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(engineBundle in require.cache, `the status bar's connection did not load ${engineBundle} within ${ACTIVATION_DEADLINE_MS / 1000} s`);
  });

  it('ships the compose analysis (dist/analysis.js) apart, and loads it for the first parse: here the workspace check\'s', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
    // As dist/engine.js above: activate() parses nothing; the workspace check it schedules parses the
    // compose file found here, which needs the YAML parser and the rules.
    const analysisBundle = path.join(extension.extensionPath, 'dist/analysis.js');
    assert.ok(fs.existsSync(analysisBundle), `${analysisBundle} ships beside dist/extension.js`);
    // No event tells a test that a parse happened (a file without problems publishes no diagnostics).
    const deadline = Date.now() + ACTIVATION_DEADLINE_MS;
    while (!(analysisBundle in require.cache) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(analysisBundle in require.cache, `the workspace check did not load ${analysisBundle} within ${ACTIVATION_DEADLINE_MS / 1000} s`);
  });

  it('is the copy under test: the development folder, or the one installed from the .vsix', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const repo = process.env.COMPOSE_HEALTH_REPO;
    assert.ok(repo, 'the host tier passes COMPOSE_HEALTH_REPO');
    if (process.env.COMPOSE_HEALTH_HOST_MODE === 'installed') {
      assert.notEqual(extension.extensionPath, repo, 'the installed extension is loaded, not the development folder');
      const shipped = fs.readdirSync(extension.extensionPath).sort();
      assert.ok(!shipped.includes('src') && !shipped.includes('out') && !shipped.includes('test'), `the .vsix ships only what runs: ${shipped.join(', ')}`);
      assert.ok(fs.existsSync(path.join(extension.extensionPath, 'dist/extension.js')));
    } else {
      assert.equal(extension.extensionPath, repo, 'the extension under development is loaded');
    }
  });

  it('exports no test hooks when installed, and only read-only views in development', async () => {
    const extension = vscode.extensions.getExtension<ComposeHealthExports | undefined>(EXTENSION_ID);
    assert.ok(extension);
    const exports = await extension.activate();
    if (process.env.COMPOSE_HEALTH_HOST_MODE === 'installed') {
      // ExtensionMode.Production: another extension calling getExtension(...).exports gets nothing.
      assert.equal(exports, undefined, 'the installed extension exports nothing');
    } else {
      assert.ok(exports, 'development and test runs export the test views');
      assert.equal((exports.tree.store as Partial<Record<'dispatch', unknown>>).dispatch, undefined, 'the exported store view cannot dispatch');
      assert.equal(typeof exports.tree.store.summary, 'function');
      const history = exports.history as unknown as Partial<Record<'apply' | 'restore' | 'serialize', unknown>>;
      assert.deepEqual([history.apply, history.restore, history.serialize], [undefined, undefined, undefined], 'the exported history cannot be written');
      assert.equal(typeof exports.history.lanes, 'function');
    }
  });

  it('registers a handler for every command its manifest declares, and no other', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const declared: string[] = (extension?.packageJSON.contributes.commands ?? []).map((c: { command: string }) => c.command);
    assert.ok(declared.length > 0, 'the manifest declares commands');
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('composeHealth.'));
    // The workbench adds `<viewId>.focus`-style commands for the contributed view.
    const ours = registered.filter((id) => !id.startsWith('composeHealth.services.'));
    assert.deepEqual(declared.filter((id) => !ours.includes(id)), [], 'declared commands without a handler');
    assert.deepEqual(ours.filter((id) => !declared.includes(id)), [], 'handlers under ids the manifest does not declare');
  });

  it('contributes the composeHealth.services view', async () => {
    // Every contributed view gets a `<viewId>.focus` command from the workbench once it is registered.
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('composeHealth.services.focus'), 'the workbench has no composeHealth.services view');
    await vscode.commands.executeCommand('composeHealth.services.focus');
  });
});
