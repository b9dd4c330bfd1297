import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { docker, extensionActive, fixtureComposeFile, healthcheckLine, lensesOf, startServiceContainer, type ServiceContainer } from './composeContainer';

// The fixture's `slow` check (`sleep 100; echo never`, timeout 1s) always times out.
describe('a probe past its timeout, run from the lens', () => {
  let uri: vscode.Uri;
  let slow: ServiceContainer;

  before(async () => {
    await extensionActive();
    uri = await fixtureComposeFile();
    slow = await startServiceContainer(uri.fsPath, 'slow', { Test: ['CMD', 'true'], Interval: 30e9 });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(() => slow?.remove());

  it('two runs on one container do not overlap, and each leaves no process behind', async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const line = healthcheckLine(document, 'slow');
    const run = (await lensesOf(uri)).find((l) => l.line === line && l.command === 'composeHealth.runProbe');
    assert.ok(run, 'the Run probe lens is shown for slow');
    // Followed live from before the runs: a replay with `since` comes from the engine's buffer of its
    // last 256 events (moby daemon/events/events.go eventsLimit), which other work on a shared engine
    // can overrun within seconds.
    const stream = (await docker.getEvents({ filters: { type: ['container'], container: [slow.name] } })) as NodeJS.ReadableStream & { destroy(): void };
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await Promise.all([vscode.commands.executeCommand(run.command, ...(run.args ?? [])), vscode.commands.executeCommand(run.command, ...(run.args ?? []))]);

    const titles = (await lensesOf(uri)).filter((l) => l.line === line).map((l) => l.title);
    assert.ok(titles.includes('$(error) exit -1 · Health check exceeded timeout (1s)'), titles.join(' | '));
    assert.ok(!titles.some((t) => t.includes('may still be running')), titles.join(' | '));

    const { Processes, Titles } = (await docker.getContainer(slow.name).top()) as { Titles: string[]; Processes: string[][] };
    assert.deepEqual(Processes.map((p) => p[Titles.indexOf('CMD')]), ['sleep 3600'], 'docker top: only the main process is left');

    // The engine's own record, in order: the first probe (and the kill that ended it) died before the second started.
    stream.destroy();
    const actions = text
      .slice(0, text.lastIndexOf('\n'))
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { Action: string }).Action)
      .filter((a) => /^exec_(start|die)/.test(a));
    const starts = actions.flatMap((a, i) => (a === 'exec_start: /bin/sh -c sleep 100; echo never' ? [i] : []));
    assert.equal(starts.length, 2, actions.join(' | '));
    const diesBetween = actions.slice(starts[0], starts[1]).filter((a) => a.startsWith('exec_die')).length;
    assert.ok(diesBetween >= 2, `the first probe and its kill end before the second starts: ${actions.join(' | ')}`);
  });
});
