import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { docker, extensionActive, fixtureComposeFile, lensesOf, startServiceContainer, type ServiceContainer } from '../probe/composeContainer';

describe('probe CodeLens in an untrusted workspace', () => {
  let uri: vscode.Uri;
  let web: ServiceContainer;
  let plain: ServiceContainer;
  let built: ServiceContainer;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in restricted mode');
    await extensionActive();
    uri = await fixtureComposeFile();
    // No healthcheck on the container: Docker itself runs no exec in it, so any exec is ours.
    web = await startServiceContainer(uri.fsPath, 'web');
    plain = await startServiceContainer(uri.fsPath, 'plain');
    // Labelled as Compose labels a container of the service built from built/Dockerfile.
    built = await startServiceContainer(uri.fsPath, 'built');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(() => Promise.all([web?.remove(), plain?.remove(), built?.remove()]));

  it('the lens explains that probes need trust and offers to manage it; no Suggest lens on the running service without a healthcheck', async () => {
    const lenses = await lensesOf(uri);
    assert.deepEqual(
      lenses.map((l) => [l.title, l.command]),
      [['$(shield) Running probes needs a trusted workspace', 'workbench.trust.manage']],
    );
  });

  it('running the probe anyway executes nothing in the container', async () => {
    assert.deepEqual(await execsDuring(web, () => vscode.commands.executeCommand('composeHealth.runProbe', uri, 'web')), [], 'no exec was created in the container');
  });

  it('the lens on a Dockerfile HEALTHCHECK a service builds explains trust too, and running it anyway executes nothing', async () => {
    const dockerfile = vscode.Uri.joinPath(uri, '..', 'built', 'Dockerfile');
    const document = await vscode.workspace.openTextDocument(dockerfile);
    await vscode.window.showTextDocument(document);
    const lenses = await lensesOf(dockerfile);
    assert.deepEqual(
      lenses.map((l) => [l.line, l.title, l.command]),
      [[2, '$(shield) Running probes needs a trusted workspace', 'workbench.trust.manage']],
    );
    const offset = document.getText().indexOf('HEALTHCHECK');
    assert.deepEqual(await execsDuring(built, () => vscode.commands.executeCommand('composeHealth.runDockerfileProbe', dockerfile, offset)), [], 'no exec was created in the container');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  it('suggesting a healthcheck anyway executes nothing in the container', async () => {
    assert.deepEqual(await execsDuring(plain, () => vscode.commands.executeCommand('composeHealth.suggestHealthcheck', uri, 'plain')), [], 'no exec was created in the container');
  });
});

/** The exec events the engine reports for the container while `act` runs. */
async function execsDuring(container: ServiceContainer, act: () => Thenable<unknown>): Promise<string[]> {
  // The engine's events are ordered: every exec the command created is reported before the
  // barrier exec this test creates afterwards.
  // `since`: the engine answers the events request before it subscribes, so without it an exec right
  // after could go unseen and the barrier never arrive.
  const since = Date.now() / 1000;
  const events = (await docker.getEvents({ since, filters: { type: ['container'], container: [container.id] } })) as NodeJS.ReadableStream & { destroy(): void };
  const actions: string[] = [];
  const barrierSeen = new Promise<void>((resolve) => {
    let buffered = '';
    events.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        const action = (JSON.parse(line) as { Action: string }).Action;
        if (action === 'exec_create: echo barrier') return resolve();
        actions.push(action);
      }
    });
  });
  try {
    await act();
    await docker.getContainer(container.id).exec({ Cmd: ['echo', 'barrier'], AttachStdout: true });
    await barrierSeen;
  } finally {
    events.destroy();
  }
  return actions.filter((a) => a.startsWith('exec_'));
}
