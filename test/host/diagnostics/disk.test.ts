import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, diagnosticsOf, fixture, ours } from './waitFor';

const encode = (text: string) => new TextEncoder().encode(text);

// The host suite runs in a temporary copy of test/fixtures/diagnostics, so files may be written here.
describe('files changed on disk (not open in an editor)', () => {
  before(activateExtension);

  it('a compose file created on disk is checked, and its problems leave with it when it is deleted', async () => {
    const uri = fixture('created', 'docker-compose.yml');
    const appeared = diagnosticsOf(uri, (d) => d.length > 0);
    await vscode.workspace.fs.writeFile(uri, encode('services:\n  web:\n    image: x\n    healthcheck:\n      test: NONE\n'));
    assert.deepEqual((await appeared).map((d) => codeOf(d).value), ['test-none-string']);
    const gone = diagnosticsOf(uri, (d) => d.length === 0);
    await vscode.workspace.fs.delete(uri);
    assert.deepEqual(await gone, []);
  });

  it('writing a .env re-checks the compose file beside it, whose ${VAR} now has another value', async () => {
    const uri = fixture('env', 'compose.yaml');
    assert.deepEqual(ours(uri), [], 'the default 10s is valid');
    const flagged = diagnosticsOf(uri, (d) => d.length > 0);
    await vscode.workspace.fs.writeFile(fixture('env', '.env'), encode('HC_INTERVAL=30\n'));
    assert.deepEqual((await flagged).map((d) => codeOf(d).value), ['duration-missing-unit']);
    const clean = diagnosticsOf(uri, (d) => d.length === 0);
    await vscode.workspace.fs.writeFile(fixture('env', '.env'), encode('HC_INTERVAL=30s\n'));
    assert.deepEqual(await clean, []);
  });
});
