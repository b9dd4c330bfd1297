import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { docker, extensionActive, fixtureComposeFile, lensesOf, startServiceContainer, type ServiceContainer } from '../probe/composeContainer';

describe('probe CodeLens in an untrusted workspace', () => {
  let uri: vscode.Uri;
  let web: ServiceContainer;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in restricted mode');
    await extensionActive();
    uri = await fixtureComposeFile();
    // No healthcheck on the container: Docker itself runs no exec in it, so any exec is ours.
    web = await startServiceContainer(uri.fsPath, 'web');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(() => web?.remove());

  it('the lens explains that probes need trust and offers to manage it', async () => {
    const lenses = await lensesOf(uri);
    assert.deepEqual(
      lenses.map((l) => [l.title, l.command]),
      [['$(shield) Running probes needs a trusted workspace', 'workbench.trust.manage']],
    );
  });

  it('running the probe anyway executes nothing in the container', async () => {
    // The engine's events are ordered: every exec the command created is reported before the
    // barrier exec this test creates afterwards.
    // `since`: the engine answers the events request before it subscribes, so without it an exec right
    // after could go unseen and the barrier never arrive.
    const since = Date.now() / 1000;
    const events = (await docker.getEvents({ since, filters: { type: ['container'], container: [web.id] } })) as NodeJS.ReadableStream & { destroy(): void };
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
      await vscode.commands.executeCommand('composeHealth.runProbe', uri, 'web');
      await docker.getContainer(web.id).exec({ Cmd: ['echo', 'barrier'], AttachStdout: true });
      await barrierSeen;
    } finally {
      events.destroy();
    }
    assert.deepEqual(actions.filter((a) => a.startsWith('exec_')), [], 'no exec was created in the container');
  });
});
