import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionActive, fixtureComposeFile, healthcheckLine, lensesOf, removeComposeProject, runStartLens } from './composeContainer';

// The fixture's .env sets COMPOSE_PROJECT_NAME, so everything Compose creates here is chprobe-hostfix*.
const PROJECT = 'chprobe-hostfix';

describe('Start service from the no-container lens', () => {
  let uri: vscode.Uri;

  before(async () => {
    await extensionActive();
    uri = await fixtureComposeFile();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(() => removeComposeProject(PROJECT));

  it('runs compose up -d <service> in a terminal, and the lens then shows the container', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const line = healthcheckLine(document, 'db');
    const start = (await lensesOf(uri)).find((l) => l.line === line && l.command === 'composeHealth.startService');
    assert.ok(start, 'the no-container lens offers Start service');
    const { code, terminal } = await runStartLens(start);
    try {
      assert.equal(code, 0, 'Compose exited 0');
      // The extension picks v2 when the Docker CLI has the plugin, else 1.29 (the host tier runs this suite with each).
      const expected = process.env.COMPOSE_HEALTH_TEST_COMPOSE === 'v1' ? 'docker-compose' : 'docker compose';
      assert.equal(terminal.name, `${expected} up db`);
      const titles = (await lensesOf(uri)).filter((l) => l.line === line).map((l) => l.title);
      assert.equal(titles[0], '$(play) Run probe');
      assert.doesNotMatch(titles[1], /no running container/);
    } finally {
      terminal.dispose();
    }
  });
});
