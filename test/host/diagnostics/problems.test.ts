import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, diagnosticsOf, fixture, linkedLine, ours } from './waitFor';

/** What the Problems panel shows for a diagnostic: rule, severity, 0-based line, and the text it marks. */
function summary(doc: vscode.TextDocument, d: vscode.Diagnostic): string {
  return `${codeOf(d).value} ${vscode.DiagnosticSeverity[d.severity]} L${d.range.start.line} ${doc.getText(d.range)}`;
}

/** The quick fixes VS Code offers at `range` (the command's results do not carry their diagnostics). */
function quickFixes(uri: vscode.Uri, range: vscode.Range): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
}

const EXPECTED = [
  'cmd-shell-syntax Warning L5 "||"',
  'duration-missing-unit Error L6 30',
  'healthcheck-unknown-key Error L7 start-period',
  'curl-without-fail Warning L11 curl',
];

describe('known problems, quick fixes', () => {
  const uri = () => fixture('problems', 'compose.yaml');
  let doc: vscode.TextDocument;

  before(activateExtension);

  beforeEach(async () => {
    doc = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(doc);
    // The previous test's edits were reverted: wait until the panel shows the file as it is on disk again.
    await diagnosticsOf(uri(), (d) => JSON.stringify(d.map((x) => summary(doc, x))) === JSON.stringify(EXPECTED));
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opening the file shows exactly its four problems, where they are written', async () => {
    const diagnostics = ours(uri());
    assert.deepEqual(diagnostics.map((d) => summary(doc, d)), EXPECTED);
    for (const d of diagnostics) {
      assert.equal(d.source, 'compose-health');
      const { value, target } = codeOf(d);
      // The link leads to the rule's section of the rules page shipped with the extension.
      assert.equal(await linkedLine(target), `## ${value}`);
    }
  });

  it('the preferred quick fix for a unit-less duration adds the unit, and the problem goes away', async () => {
    const [missingUnit] = ours(uri()).filter((d) => codeOf(d).value === 'duration-missing-unit');
    const actions = await quickFixes(uri(), missingUnit.range);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, `a preferred fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.title, 'Add the unit: 30s');
    assert.deepEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    const fixed = diagnosticsOf(uri(), (d) => d.length === 3);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(6).text, '      interval: 30s');
    assert.deepEqual((await fixed).map((d) => codeOf(d).value), ['cmd-shell-syntax', 'healthcheck-unknown-key', 'curl-without-fail']);
  });

  it('quick fixes rename a misspelt key and convert a CMD test with || to CMD-SHELL', async () => {
    const diagnostics = ours(uri());
    for (const [code, title] of [['healthcheck-unknown-key', 'Rename to `start_period`'], ['cmd-shell-syntax', 'Convert to CMD-SHELL']]) {
      const diagnostic = diagnostics.find((d) => codeOf(d).value === code);
      assert.ok(diagnostic, code);
      const fix = (await quickFixes(uri(), diagnostic.range)).find((a) => a.title === title);
      assert.ok(fix?.edit, `${title} is offered for ${code}`);
      const gone = diagnosticsOf(uri(), (d) => !d.some((x) => codeOf(x).value === code));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await gone;
    }
    assert.equal(doc.lineAt(7).text, '      start_period: 10s');
    assert.match(doc.lineAt(5).text, /^ {6}test: \["CMD-SHELL", ".*wget -q -O- http:\/\/127\.0\.0\.1:8080\/ \|\| exit 1.*"\]$/);
  });

  it('after an edit moves the problems, the quick fix edits the new place (fixes follow the current version)', async () => {
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    const moved = diagnosticsOf(uri(), (d) => d.some((x) => codeOf(x).value === 'curl-without-fail' && x.range.start.line === 13));
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), '# one\n# two\n'));
    const curl = (await moved).find((d) => codeOf(d).value === 'curl-without-fail')!;
    const fix = (await quickFixes(uri(), curl.range)).find((a) => a.isPreferred);
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(13).text, '      test: curl -f http://127.0.0.1:8080/health');
  });

  it('only quick fixes are offered, and none where there is no problem', async () => {
    const atProblem = new vscode.Range(6, 16, 6, 18);
    assert.deepEqual((await quickFixes(uri(), atProblem)).map((a) => a.title), ['Add the unit: 30s']);
    const refactors = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri(), atProblem, vscode.CodeActionKind.Refactor.value);
    assert.deepEqual(refactors.map((a) => a.title), []);
    assert.deepEqual(await quickFixes(uri(), new vscode.Range(3, 4, 3, 9)), [], 'no fix on a line without a problem');
  });
});
