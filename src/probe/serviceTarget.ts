import * as vscode from 'vscode';
import type { ComposeFiles } from '../compose/composeFiles';
import type { ComposeDocumentService } from '../compose/documents';
import { checkedServices } from './composeDocuments';

/** The (document, service) a probe command acts on. */
export interface ServiceRef {
  document: vscode.TextDocument;
  service: string;
}

/**
 * Resolves a command's target: the lens passes (uri, service); from the Command Palette it is the
 * healthcheck under the cursor in the active compose file, else the one picked from a list.
 */
export async function resolveServiceTarget(
  documents: ComposeDocumentService,
  files: Pick<ComposeFiles, 'isComposeDocument'>,
  uri?: vscode.Uri,
  service?: string,
): Promise<ServiceRef | undefined> {
  if (uri instanceof vscode.Uri && typeof service === 'string') {
    // openTextDocument returns the open editor's document: unsaved edits included.
    return { document: await vscode.workspace.openTextDocument(uri), service };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || !files.isComposeDocument(editor.document)) {
    void vscode.window.showInformationMessage('Open a compose file and put the cursor in a service with a healthcheck, then run the command again.');
    return undefined;
  }
  const document = editor.document;
  const checked = checkedServices(documents, document);
  if (checked.length === 0) {
    void vscode.window.showInformationMessage('This compose file has no healthcheck: blocks to probe.');
    return undefined;
  }
  const cursor = document.offsetAt(editor.selection.active);
  const under = checked.find((s) => s.healthcheck!.range.start <= cursor && cursor <= s.healthcheck!.range.end) ??
    checked.find((s) => s.healthcheck!.keyRange.start <= cursor && cursor <= s.healthcheck!.range.end);
  if (under) return { document, service: under.name };
  if (checked.length === 1) return { document, service: checked[0].name };
  const picked = await vscode.window.showQuickPick(
    checked.map((s) => s.name),
    { placeHolder: 'Which service?' },
  );
  return picked ? { document, service: picked } : undefined;
}
