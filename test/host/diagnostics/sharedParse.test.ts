import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, diagnosticsOf, EXTENSION_ID } from './waitFor';

interface DocumentsApi {
  analysesOf(uri: vscode.Uri): number;
}

function documentsApi(): DocumentsApi {
  const api = vscode.extensions.getExtension<{ documents: DocumentsApi }>(EXTENSION_ID)?.exports;
  assert.ok(api?.documents, 'activate() returns the documents test API');
  return api.documents;
}

/** Asks for what the user would see on a healthcheck: its hover and its lenses (as the editor does). */
async function hoverAndLenses(doc: vscode.TextDocument): Promise<{ hover: string; lenses: vscode.CodeLens[] }> {
  const line = doc.getText().split('\n').findIndex((l) => l.includes('healthcheck:'));
  const position = new vscode.Position(line, doc.lineAt(line).text.indexOf('healthcheck') + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
  const hover = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
  return { hover, lenses };
}

describe('one parse per version shared by diagnostics, hover and the probe lens', () => {
  let dir: string;
  before(async () => {
    await activateExtension();
    // Outside the workspace: no scan or watcher of the fixture folder parses it too.
    dir = mkdtempSync(join(tmpdir(), 'chdoc-shared-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opening a file and one edit are one analysis each, with diagnostics, hover and lenses all active', async () => {
    const file = join(dir, 'compose.yaml');
    writeFileSync(file, ['services:', '  web:', '    image: chdoc/none', '    healthcheck:', '      test: ["CMD", "true"]', '      interval: 10', ''].join('\n'));
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await diagnosticsOf(uri, (d) => d.length > 0);
    const first = await hoverAndLenses(doc);
    assert.match(first.hover, /Healthcheck of `web`/);
    assert.ok(first.lenses.length > 0, 'the healthcheck has its lenses');
    assert.equal(documentsApi().analysesOf(uri), 1, 'the opened version was parsed once for all three');

    const line = doc.lineAt(5);
    const fixed = diagnosticsOf(uri, (d) => d.length === 0);
    assert.ok(await editor.edit((b) => b.insert(line.range.end, 's')));
    await fixed;
    const second = await hoverAndLenses(doc);
    assert.match(second.hover, /\| interval \| 10s \| file \|/);
    assert.ok(second.lenses.length > 0);
    assert.equal(documentsApi().analysesOf(uri), 2, 'the edit was parsed once for all three');
  });

  it('extends: {file: /dev/zero} does not hang the lens, the hover or the diagnostics', async () => {
    const file = join(dir, 'docker-compose.yml');
    writeFileSync(
      file,
      ['services:', '  web:', '    image: chdoc/none', '    extends:', '      file: /dev/zero', '      service: x', '    healthcheck:', '      test: ["CMD", "true"]', ''].join('\n'),
    );
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // Resolving at all is the point: a plain read of /dev/zero never returns (mocha's timeout bounds it).
    const { hover, lenses } = await hoverAndLenses(doc);
    assert.match(hover, /Healthcheck of `web`/);
    assert.ok(lenses.length > 0, 'the healthcheck still has its lenses');
    assert.equal(documentsApi().analysesOf(uri), 1);
  });
});
