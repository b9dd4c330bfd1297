import * as vscode from 'vscode';
import { COMMAND } from '../commands/ids';
import type { ComposeDocumentService } from '../compose/documents';

/**
 * "Suggest a healthcheck" on a service's key (the lens's command, for the keyboard: Ctrl+. on the key).
 * Offered for every service; the command itself says when no container runs or the workspace is not
 * trusted, rather than the light bulb asking the engine on each cursor move.
 */
export class SuggestCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.RefactorRewrite];

  constructor(private readonly documents: ComposeDocumentService) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const entry = this.documents.modelFor(document).services.find((s) => s.keyRange.start <= start && end <= s.keyRange.end);
    if (!entry) return [];
    const title = entry.healthcheck ? `Replace ${entry.name}'s healthcheck with one that works in its container` : `Suggest a healthcheck for ${entry.name}`;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.RefactorRewrite);
    action.command = { title, command: COMMAND.suggestHealthcheck, arguments: [document.uri, entry.name] };
    return [action];
  }
}
