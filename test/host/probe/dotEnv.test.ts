import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { docker, extensionActive, fixtureComposeFile, healthcheckLine, lensesOf, probeDiagnostics } from './composeContainer';

describe('probe lenses when only .env changes', () => {
  const project = `chprobe-envswitch-${randomBytes(3).toString('hex')}`;
  let uri: vscode.Uri;
  let envUri: vscode.Uri;
  let container: { remove(options: { force: boolean }): Promise<unknown> } | undefined;

  before(async () => {
    await extensionActive();
    uri = await fixtureComposeFile();
    envUri = vscode.Uri.joinPath(uri, '..', '.env');
    // A `db` container of another project name, labelled as when Compose ran from another path (no
    // config_files here): only the project name from .env ties it to this file. Its healthcheck is not
    // the file's, so once it is found the lenses report drift (a probe diagnostic the test can await).
    const created = await docker.createContainer({
      name: `${project}-db-1`,
      Image: 'compose-health/busybox:test',
      Cmd: ['sleep', '3600'],
      Healthcheck: { Test: ['CMD', 'true'], Interval: 30e9 },
      StopTimeout: 1,
      Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'db', 'com.docker.compose.container-number': '1' },
    });
    container = created;
    await created.start();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(async () => {
    // The .env buffer goes back to what is on disk, for the suites after this one.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(envUri));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await container?.remove({ force: true });
  });

  it('a COMPOSE_PROJECT_NAME edited in .env re-asks the lenses of the open compose file, which then find its containers', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const dbLine = healthcheckLine(document, 'db');
    const before = (await lensesOf(uri)).filter((l) => l.line === dbLine).map((l) => l.title);
    assert.match(before[1], /no running container/, 'under the name .env gives now, db has no container');
    await probeDiagnostics(uri, (d) => !d.some((x) => x.code === 'probe-drift' && x.range.start.line === dbLine));

    // Only .env changes (an unsaved edit counts, as everywhere in the editor); the compose file does not.
    const env = await vscode.workspace.openTextDocument(envUri);
    const drift = probeDiagnostics(uri, (d) => d.some((x) => x.code === 'probe-drift' && x.range.start.line === dbLine));
    const edit = new vscode.WorkspaceEdit();
    const line = env.getText().split('\n').findIndex((l) => l.startsWith('COMPOSE_PROJECT_NAME='));
    edit.replace(envUri, env.lineAt(line).range, `COMPOSE_PROJECT_NAME=${project}`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    // Nothing asks for lenses here: the editor re-asks only because the provider said they changed.
    const [found] = (await drift).filter((x) => x.code === 'probe-drift');
    assert.match(found.message, new RegExp(`Container ${project}-db-1 still runs the old healthcheck`));
  });
});
