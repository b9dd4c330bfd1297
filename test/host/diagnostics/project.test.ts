import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, diagnosticsOf, fixture } from './waitFor';

describe('override files are checked with their base file', () => {
  before(activateExtension);

  it('a problem caused by the base file updates while the base is edited, unsaved, and returns when the edit is dropped', async () => {
    const override = fixture('project', 'compose.override.yaml');
    const disabled = (d: vscode.Diagnostic[]) => d.length === 1 && codeOf(d[0]).value === 'healthy-dependency-disabled';
    const [first] = await diagnosticsOf(override, disabled);
    assert.equal(first.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(first.range.start.line, 6, 'reported on the dependency in the override file');

    const base = await vscode.workspace.openTextDocument(fixture('project', 'compose.yaml'));
    const editor = await vscode.window.showTextDocument(base);
    const line = base.getText().split('\n').findIndex((l) => l.includes('disable: true'));
    const cleared = diagnosticsOf(override, (d) => d.length === 0);
    await editor.edit((b) => b.replace(base.lineAt(line).range, '      test: ["CMD", "true"]'));
    assert.deepEqual(await cleared, [], 'the unsaved edit of the base file counts');

    const back = diagnosticsOf(override, disabled);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal((await back).length, 1, 'closing the base without saving brings the disk content back');
  });
});
