import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, codes, diagnosticsOf, fixture, hoverText } from './waitFor';

// The effective check across files in a real extension host: a compose service's image as the workspace
// Dockerfile its `build:` names builds it (fixture built/: api builds api/Dockerfile, a scratch image
// without a HEALTHCHECK; worker and jobs build docker/worker.df, a Dockerfile only because compose names it).

const code = (d: vscode.Diagnostic) => codeOf(d).value;


describe('the effective check across files: compose services built from workspace Dockerfiles', () => {
  before(activateExtension);
  const compose = () => fixture('built', 'compose.yaml');

  it('the compose file gets the findings that need its Dockerfiles, without being opened', async () => {
    const found = await diagnosticsOf(compose(), (d) => d.length >= 2);
    assert.deepEqual(codes(found), ['disable-hides-image-check', 'timing-without-image-check']);
    const timing = found.find((d) => code(d) === 'timing-without-image-check')!;
    assert.equal(timing.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(timing.message, /api\/Dockerfile writes no HEALTHCHECK and its stages start from `scratch`/);
    const hidden = found.find((d) => code(d) === 'disable-hides-image-check')!;
    assert.equal(hidden.severity, vscode.DiagnosticSeverity.Information);
    assert.match(hidden.message, /docker\/worker\.df:2: `curl http:\/\/localhost:8080\/health`/);
  });

  it('a Dockerfile that compose names in build.dockerfile is checked whatever its name', async () => {
    const found = await diagnosticsOf(fixture('built', 'docker', 'worker.df'), (d) => d.length >= 1);
    assert.deepEqual(codes(found), ['curl-without-fail']);
  });

  it('the hover shows the check a service really runs and where each part comes from', async () => {
    const doc = await vscode.workspace.openTextDocument(compose());
    const lines = doc.getText().split('\n');
    const hoverAt = async (line: number) =>
      hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 6)));
    // jobs: timeout here, the rest from docker/worker.df's HEALTHCHECK.
    const jobs = await hoverAt(lines.findIndex((l, i) => i > lines.indexOf('  jobs:') && l === '    healthcheck:'));
    assert.match(jobs, /\*\*Image\*\*: built from docker\/worker\.df, whose HEALTHCHECK is at docker\/worker\.df:2/);
    assert.match(jobs, /From the image \(docker\/worker\.df:2\): \*\*test\*\*/);
    assert.match(jobs, /\| interval \| 5s \| image \(docker\/worker\.df:2\) \|/);
    assert.match(jobs, /\| retries \| 2 \| image \(docker\/worker\.df:2\) \|/);
    assert.match(jobs, /\| timeout \| 3s \| file \|/);
    // worker: disable: true over the same Dockerfile.
    const worker = await hoverAt(lines.indexOf('    build:'));
    assert.match(worker, /disabled — .* It turns off the image's own HEALTHCHECK \(docker\/worker\.df:2\)/);
  });

  it('an unsaved HEALTHCHECK typed into the Dockerfile takes the warning off the compose file, and reverting brings it back', async () => {
    const dockerfile = await vscode.workspace.openTextDocument(fixture('built', 'api', 'Dockerfile'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(dockerfile.uri, new vscode.Position(dockerfile.lineCount, 0), 'HEALTHCHECK CMD ["/busybox", "true"]\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = await diagnosticsOf(compose(), (d) => !d.some((x) => code(x) === 'timing-without-image-check'));
    assert.deepEqual(codes(after), ['disable-hides-image-check']);
    await vscode.window.showTextDocument(dockerfile);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const back = await diagnosticsOf(compose(), (d) => d.some((x) => code(x) === 'timing-without-image-check'));
    assert.deepEqual(codes(back), ['disable-hides-image-check', 'timing-without-image-check']);
  });
});
