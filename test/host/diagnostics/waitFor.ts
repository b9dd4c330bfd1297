import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'compose-health.compose-health';

/** The fixture workspace this suite runs in (test/fixtures/diagnostics). */
export function fixture(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite runs with the fixture folder open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  await extension.activate();
}

/** Our diagnostics of a file (other extensions' are left out). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'compose-health');
}

/**
 * Resolves with our diagnostics of `uri` once `accept` holds: checked now, then on every
 * `languages.onDidChangeDiagnostics` for that file (an event, never a sleep). Mocha's timeout bounds it.
 */
export function diagnosticsOf(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const now = ours(uri);
    if (accept(now)) return resolve(now);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const current = ours(uri);
      if (accept(current)) {
        listener.dispose();
        resolve(current);
      }
    });
  });
}

export function codeOf(diagnostic: vscode.Diagnostic): { value: string; target: string } {
  const code = diagnostic.code;
  assert.ok(code && typeof code === 'object', 'the code is a { value, target } link');
  return { value: String(code.value), target: code.target.toString() };
}

/**
 * The line a code link lands on: the target is docs/rules.md with a `#L<line>` fragment, which VS Code's
 * editor opener turns into a selection (test/e2e/ruleLink.test.ts clicks it in the workbench).
 */
export async function linkedLine(target: string): Promise<string> {
  const [, line] = /\/docs\/rules\.md#L(\d+)$/.exec(target) ?? [];
  assert.ok(line, `${target} points at a line of docs/rules.md`);
  const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(target).with({ fragment: '' })));
  return page.split('\n')[Number(line) - 1];
}

/** The markdown of the hovers VS Code's hover providers gave, joined. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** The rule codes of diagnostics, sorted. */
export const codes = (diagnostics: vscode.Diagnostic[]): string[] => diagnostics.map((d) => codeOf(d).value).sort();

