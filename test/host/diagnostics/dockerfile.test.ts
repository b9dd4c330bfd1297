import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, codes, diagnosticsOf, fixture, hoverText } from './waitFor';

const code = (d: vscode.Diagnostic) => codeOf(d).value;


describe('Dockerfile HEALTHCHECK in the editor', () => {
  before(activateExtension);
  const uri = () => fixture('dockerfile', 'Dockerfile');

  it('a workspace Dockerfile that is not open gets its problems in the Problems panel', async () => {
    const found = await diagnosticsOf(uri(), (d) => d.length >= 2);
    assert.deepEqual(codes(found), ['curl-without-fail', 'duration-missing-unit']);
  });

  it('the quick fix adds the unit, and the problem goes away', async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    const [duration] = (await diagnosticsOf(doc.uri, (d) => d.some((x) => code(x) === 'duration-missing-unit'))).filter((d) => code(d) === 'duration-missing-unit');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, duration.range, vscode.CodeActionKind.QuickFix.value);
    const add = actions.find((a) => a.title === 'Add the unit: 30s');
    assert.ok(add?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    assert.match(doc.getText(), /--interval=30s /);
    const after = await diagnosticsOf(doc.uri, (d) => !d.some((x) => code(x) === 'duration-missing-unit'));
    assert.deepEqual(codes(after), ['curl-without-fail']);
  });

  it('the hover on the fixed HEALTHCHECK gives the effective timing and the defaults', async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('HEALTHCHECK'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 3));
    const markdown = hoverText(hovers);
    assert.match(markdown, /HEALTHCHECK of stage 0/);
    assert.match(markdown, /\| retries \| 5 \| file \|/);
    assert.match(markdown, /\| interval \| 30s \| file \|/);
    assert.match(markdown, /\| timeout \| 30s \| default \|/);
  });
});
