import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionActive, fixtureComposeFile, healthcheckLine, lensesOf, startServiceContainer, type ServiceContainer } from './composeContainer';

describe('a service with several replicas', () => {
  let uri: vscode.Uri;
  let replicas: ServiceContainer[] = [];

  before(async () => {
    await extensionActive();
    uri = await fixtureComposeFile();
    const check = { Test: ['CMD', 'true'], Interval: 30e9 };
    replicas = await Promise.all([1, 2].map((n) => startServiceContainer(uri.fsPath, 'web', check, n)));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(() => Promise.all(replicas.map((r) => r.remove())));

  it('runs the probe in each replica and reports each under its name', async () => {
    const line = healthcheckLine(await vscode.workspace.openTextDocument(uri), 'web');
    const before = (await lensesOf(uri)).filter((l) => l.line === line);
    assert.equal(before[0].title, '$(play) Run probe in 2 containers');
    await vscode.commands.executeCommand(before[0].command, ...(before[0].args ?? []));
    const titles = (await lensesOf(uri)).filter((l) => l.line === line).map((l) => l.title);
    assert.deepEqual(
      titles.slice(1).map((t) => t.replace(/\d+ ms$/, 'N ms')),
      replicas.map((r) => `${r.name}: $(pass) exit 0 · N ms`),
    );
  });
});
