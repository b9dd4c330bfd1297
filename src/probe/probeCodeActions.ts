import * as vscode from 'vscode';
import type { ComposeDocumentService } from '../compose/documents';
import { checkedServices } from './composeDocuments';
import { COMMAND } from '../commands/ids';
import { PROBE_SOURCE, DRIFT_CODE, FAILED_CODE } from './probeDiagnostics';

/** Quick fixes for the probe's diagnostics: recreate a drifted service; open the log of a failed run. */
export class ProbeCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly documents: ComposeDocumentService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.source === PROBE_SOURCE)
      .flatMap((d) => {
        if (d.code === DRIFT_CODE) {
          const offset = document.offsetAt(d.range.start);
          const entry = checkedServices(this.documents, document).find((s) => s.healthcheck!.keyRange.start === offset);
          if (!entry) return [];
          const action = new vscode.CodeAction(`Recreate ${entry.name} with this healthcheck (up -d ${entry.name})`, vscode.CodeActionKind.QuickFix);
          action.command = { title: action.title, command: COMMAND.recreateService, arguments: [document.uri, entry.name] };
          action.diagnostics = [d];
          action.isPreferred = true;
          return [action];
        }
        if (d.code === FAILED_CODE) {
          const action = new vscode.CodeAction('Show the probe output', vscode.CodeActionKind.QuickFix);
          action.command = { title: action.title, command: COMMAND.showLog };
          action.diagnostics = [d];
          return [action];
        }
        return [];
      });
  }
}
