import * as vscode from 'vscode';

/** The scheme of the read-only "with the suggested healthcheck" side of the preview diff. */
export const PREVIEW_SCHEME = 'compose-health-suggestion';

/**
 * The text of each open preview, served read-only to the diff editor (a virtual document: nothing is
 * written to disk until Insert). A preview is forgotten, and its diff tab closed, once answered.
 */
export class SuggestionPreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private next = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);

  /** A URI for `text`, named like the file it previews (so the diff shows its name and language). */
  open(file: vscode.Uri, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: file.path, query: String(++this.next) });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Forgets the preview and closes the diff tabs showing it. */
  async close(uri: vscode.Uri): Promise<void> {
    this.texts.delete(uri.toString());
    const key = uri.toString();
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === key);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}
