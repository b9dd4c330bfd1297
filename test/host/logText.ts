import * as vscode from 'vscode';

/**
 * The "Compose Health" log channel's text. Output channels are documents with the `output` scheme
 * once shown; the text arrives asynchronously, so wait for a change that satisfies `accept`.
 */
export async function logText(accept: (text: string) => boolean): Promise<string> {
  await vscode.commands.executeCommand('composeHealth.showLog');
  const find = (): string | undefined =>
    vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'output').map((d) => d.getText()).find(accept);
  const now = find();
  if (now !== undefined) return now;
  return new Promise((resolve) => {
    const subs = [
      vscode.workspace.onDidChangeTextDocument((e) => done(e.document)),
      vscode.workspace.onDidOpenTextDocument((d) => done(d)),
    ];
    function done(d: vscode.TextDocument): void {
      if (d.uri.scheme !== 'output' || !accept(d.getText())) return;
      for (const s of subs) s.dispose();
      resolve(d.getText());
    }
  });
}
