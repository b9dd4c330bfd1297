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

  it('a folder moved into the workspace has its compose file checked, and moved away takes its problems along', async () => {
    // Beside the workspace folder (in the same temporary folder, so a rename moves it): the watcher
    // reports the folder moving in or out, never the file inside it.
    const outside = vscode.Uri.joinPath(fixture(), '..', 'moved-in');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(outside, 'compose.yaml'), encode('services:\n  web:\n    image: x\n    healthcheck:\n      test: NONE\n'));
    const inside = fixture('moved');
    const uri = vscode.Uri.joinPath(inside, 'compose.yaml');
    const appeared = diagnosticsOf(uri, (d) => d.length > 0);
    await vscode.workspace.fs.rename(outside, inside);
    assert.deepEqual((await appeared).map((d) => codeOf(d).value), ['test-none-string']);
    const gone = diagnosticsOf(uri, (d) => d.length === 0);
    await vscode.workspace.fs.rename(inside, outside);
    assert.deepEqual(await gone, []);
    await vscode.workspace.fs.delete(outside, { recursive: true });
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
