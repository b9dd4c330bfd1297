import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, fixture, hoverText } from './waitFor';


describe('healthcheck hover', () => {
  before(activateExtension);

  it('on healthcheck: it shows the effective values, the first probe and the time to unhealthy', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('compose.yaml'));
    const line = doc.getText().split('\n').findIndex((l) => l.includes('healthcheck:'));
    const position = new vscode.Position(line, doc.lineAt(line).text.indexOf('healthcheck') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    const markdown = hoverText(hovers);
    assert.match(markdown, /Healthcheck of `web`/);
    assert.match(markdown, /\| interval \| 10s \| file \|/);
    assert.match(markdown, /\| start_period \| 0s \| default \|/);
    assert.match(markdown, /First probe\*\*: 10s after the container starts/);
    // retries 5 × (10s + 2s)
    assert.match(markdown, /at most 1m0s = retries 5/);
  });

  it('outside a healthcheck there is no hover of ours', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('compose.yaml'));
    const line = doc.getText().split('\n').findIndex((l) => l.includes('image:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 6));
    assert.doesNotMatch(hoverText(hovers), /Healthcheck of/);
  });
});
