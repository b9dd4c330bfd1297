import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { extensionActive, fixtureComposeFile, healthcheckLine, lensesOf, startServiceContainer, type ServiceContainer } from './composeContainer';

const ROUNDS = 20;

// The figure for the benchmark "click to lens showing the result" (reported, not asserted):
// from invoking the lens's command to the CodeLens provider returning the result title, for a check
// that exits at once.
describe('probe timing in the extension host', () => {
  let uri: vscode.Uri;
  let web: ServiceContainer;

  before(async () => {
    await extensionActive();
    uri = await fixtureComposeFile();
    web = await startServiceContainer(uri.fsPath, 'web', { Test: ['CMD', 'true'], Interval: 30e9 });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  after(() => web?.remove());

  it(`measures run command → result in the lens, median of ${ROUNDS}`, async () => {
    const document = await vscode.workspace.openTextDocument(uri);
    const line = healthcheckLine(document, 'web');
    const [run] = (await lensesOf(uri)).filter((l) => l.line === line);
    assert.equal(run.command, 'composeHealth.runProbe');
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await vscode.commands.executeCommand(run.command, ...(run.args ?? []));
      const titles = (await lensesOf(uri)).filter((l) => l.line === line).map((l) => l.title);
      times.push(performance.now() - started);
      assert.match(titles[1], /^\$\(pass\) exit 0 · \d+ ms$/, `round ${i}`);
    }
    times.sort((a, b) => a - b);
    const median = (times[ROUNDS / 2 - 1] + times[ROUNDS / 2]) / 2;
    console.log(`BENCH probe click → lens result: median ${median.toFixed(1)} ms of ${ROUNDS} (min ${times[0].toFixed(1)}, max ${times[ROUNDS - 1].toFixed(1)})`);
  });
});
