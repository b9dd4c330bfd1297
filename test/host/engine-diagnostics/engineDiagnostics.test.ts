import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';
import { dockerAt } from '../../engine/health/support';
import { codeOf, diagnosticsOf, fixture, linkedLine } from '../diagnostics/waitFor';

const RULE = 'start-interval-engine-too-old';
const has = (code: string) => (d: vscode.Diagnostic[]) => d.some((x) => codeOf(x).value === code);

/** Resolves once the shared engine's state satisfies `accept` (checked now, then on every store change). */
function engineState(accept: (kind: string) => boolean): Promise<void> {
  const store = api.tree.store;
  return new Promise((resolve) => {
    if (accept([...store.state.engines.values()][0]?.kind ?? 'unknown')) return resolve();
    const listener = store.onDidChange(() => {
      if (!accept([...store.state.engines.values()][0]?.kind ?? 'unknown')) return;
      listener.dispose();
      resolve();
    });
  });
}

let api: ComposeHealthExports;

describe('host: diagnostics that depend on the connected engine', function () {
  this.timeout(90_000);
  let engineTooOld: boolean;
  let engine: string;

  before(async () => {
    const extension = vscode.extensions.getExtension<ComposeHealthExports>('compose-health.compose-health');
    assert.ok(extension, 'the extension is loaded');
    api = await extension.activate();
    // The same engine the extension connects to (DOCKER_HOST, else the system socket), asked directly.
    const version = await dockerAt().version();
    engine = `${version.Version} (API ${version.ApiVersion})`;
    const [major, minor] = version.ApiVersion.split('.').map(Number);
    engineTooOld = major === 1 && minor < 44;
  });

  it('without a connection start_interval is not judged', async () => {
    // The workspace's settings name an address where no engine answers (the status bar connects by
    // itself once compose files are found, so "not connected" has to be an engine that is not there).
    const uri = fixture('compose.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await engineState((kind) => kind === 'down');
    const diagnostics = await diagnosticsOf(uri, has('curl-without-fail'));
    assert.deepEqual(diagnostics.filter((d) => codeOf(d).value === RULE), []);
  });

  it('once connected, an engine older than 25 makes start_interval Compose v2\'s error, in open and unopened files', async function () {
    const open = fixture('compose.yaml');
    const onDisk = fixture('worker', 'compose.yaml');
    // Its first check (retries: 0 is a warning) is published before the connection starts.
    await diagnosticsOf(onDisk, has('zero-means-default'));
    const reported = Promise.all([diagnosticsOf(open, has(RULE)), diagnosticsOf(onDisk, has(RULE))]);
    // The real engine: the one the suite's harness asks directly (DOCKER_HOST, else the system socket).
    await vscode.workspace.getConfiguration('composeHealth').update('docker.host', process.env.DOCKER_HOST || 'unix:///var/run/docker.sock', vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('composeHealth.services.focus');
    if (!engineTooOld) {
      // Engine 25 or later takes start_interval: nothing to report (the test then pins only that).
      this.skip();
    }
    const [openDiagnostics, diskDiagnostics] = await reported;
    const document = await vscode.workspace.openTextDocument(open);
    for (const [diagnostics, line] of [
      [openDiagnostics, document.getText().split('\n').findIndex((l) => l.trim().startsWith('start_interval:'))],
      [diskDiagnostics, 7],
    ] as const) {
      const found = diagnostics.filter((d) => codeOf(d).value === RULE);
      assert.equal(found.length, 1, `${engine}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
      assert.equal(found[0].severity, vscode.DiagnosticSeverity.Error);
      assert.equal(found[0].range.start.line, line);
      assert.match(found[0].message, /"can't set healthcheck\.start_interval as feature require Docker Engine v25 or later"/);
      assert.equal(await linkedLine(codeOf(found[0]).target), `## ${RULE}`);
    }
    assert.equal([...api.tree.store.state.engines.values()][0]?.kind, 'connected');
  });
});
