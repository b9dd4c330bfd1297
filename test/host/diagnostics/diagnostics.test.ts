import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, diagnosticsOf, fixture, linkedLine, ours } from './waitFor';

async function setting(key: 'enable' | 'files', value: unknown): Promise<void> {
  // User (global) settings live in the launcher's throw-away profile; the fixture folder stays untouched.
  await vscode.workspace.getConfiguration('composeHealth.diagnostics').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('diagnostics in the Problems panel', () => {
  before(activateExtension);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a compose file that is not open gets its problems from the workspace scan', async () => {
    const uri = fixture('broken', 'docker-compose.yml');
    const diagnostics = await diagnosticsOf(uri, (d) => d.length > 0);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(codeOf(d).value, 'yaml-syntax');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.source, 'compose-health');
    assert.equal(await linkedLine(codeOf(d).target), '## yaml-syntax');
    assert.ok(d.range.start.line >= 5 && d.range.end.line <= 6, `inside the document: line ${d.range.start.line}`);
  });

  it('a valid compose file has no problems once checked, and typing a mistake reports it', async () => {
    const uri = fixture('editing', 'compose.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.lineAt(doc.lineCount - 2).range.end;
    const appeared = diagnosticsOf(uri, (d) => d.length > 0);
    assert.ok(await editor.edit((b) => b.insert(end, '\n      interval: "10s')));
    const diagnostics = await appeared;
    assert.deepEqual(diagnostics.map((d) => codeOf(d).value), ['yaml-syntax']);
    assert.ok(diagnostics[0].range.start.line >= end.line, 'reported where the mistake was typed');
    const gone = diagnosticsOf(uri, (d) => d.length === 0);
    await vscode.commands.executeCommand('undo');
    assert.deepEqual(await gone, []);
  });

  it('a YAML file that is not named like a compose file is not checked', async () => {
    const uri = fixture('values.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The editing fixture is checked after values.yaml was opened: once its check is published, the
    // delayed batch that would have contained values.yaml has run too.
    const other = fixture('editing', 'compose.yaml');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other), { preview: false });
    const published = diagnosticsOf(other, (d) => d.length > 0);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '[\n'));
    await published;
    assert.deepEqual(ours(uri), []);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('turning composeHealth.diagnostics.enable off clears the problems; on brings them back', async () => {
    const uri = fixture('broken', 'docker-compose.yml');
    await diagnosticsOf(uri, (d) => d.length > 0);
    try {
      const cleared = diagnosticsOf(uri, (d) => d.length === 0);
      await setting('enable', false);
      assert.deepEqual(await cleared, []);
      const back = diagnosticsOf(uri, (d) => d.length > 0);
      await setting('enable', undefined);
      assert.equal((await back).length, 1);
    } finally {
      await setting('enable', undefined);
    }
  });

  it('files matching composeHealth.diagnostics.files are checked while the setting lists them', async () => {
    const uri = fixture('extra', 'stack.yml');
    assert.deepEqual(ours(uri), []);
    try {
      const found = diagnosticsOf(uri, (d) => d.length > 0);
      await setting('files', ['stack.yml']);
      assert.deepEqual((await found).map((d) => codeOf(d).value), ['curl-without-fail']);
      const dropped = diagnosticsOf(uri, (d) => d.length === 0);
      await setting('files', undefined);
      assert.deepEqual(await dropped, []);
    } finally {
      await setting('files', undefined);
    }
  });

  it('"Check All Compose Files" re-checks the workspace and keeps its problems', async () => {
    const uri = fixture('broken', 'docker-compose.yml');
    await diagnosticsOf(uri, (d) => d.length > 0);
    const republished = new Promise<void>((resolve) => {
      const listener = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri.toString())) {
          listener.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('composeHealth.lintWorkspace');
    await republished;
    assert.deepEqual(ours(uri).map((d) => codeOf(d).value), ['yaml-syntax']);
  });
});
