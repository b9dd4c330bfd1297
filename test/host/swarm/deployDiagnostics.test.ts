import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';
import { diagnosticsOf, ours } from '../diagnostics/waitFor';
import { sharedSwarm } from './sharedSwarm';

/**
 * The workspace's compose.yaml has a `deploy:` section and `restart:`. The stack-* rules speak only for a
 * stack file: here, once a listed engine is a Swarm node (this file runs first in the suite, before the
 * swarm's engine is added to composeHealth.engines).
 */
describe('host: a file with deploy: is checked as a stack file once a listed engine is a Swarm node', function () {
  this.timeout(180_000);
  let uri: vscode.Uri;

  before(async () => {
    const extension = vscode.extensions.getExtension<ComposeHealthExports>('compose-health.compose-health');
    assert.ok(extension, 'the extension is loaded');
    const api = (await extension.activate()).tree;
    uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'compose.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('composeHealth.services.focus');
    // The system engine (not a Swarm node) connected: the diagnostics now follow it.
    await new Promise<void>((resolve) => {
      const connected = () => [...api.store.state.engines.values()].some((e) => e.kind === 'connected');
      if (connected()) return resolve();
      const subscription = api.store.onDidChange(() => {
        if (!connected()) return;
        subscription.dispose();
        resolve();
      });
    });
  });

  it('says nothing of Swarm while no listed engine is a Swarm node', () => {
    assert.deepEqual(ours(uri).map((d) => d.code), []);
  });

  it('reports what docker stack deploy ignores once the swarm\'s engine is listed and connected', async () => {
    await sharedSwarm();
    const found = await diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'stack-ignores-restart'));
    const restart = found.find((d) => codeOf(d) === 'stack-ignores-restart')!;
    assert.equal(restart.severity, vscode.DiagnosticSeverity.Information);
    assert.match(restart.message, /Ignoring unsupported options: restart/);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(restart.range), 'restart');
  });
});

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}
