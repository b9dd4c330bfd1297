import * as vscode from 'vscode';
import type { Finding } from '../core/lint';
import { codeOf, FINDING_SOURCE, toRange } from './findingToDiagnostic';

/** Where the quick fixes get the findings of a document's current version. */
export interface FindingsSource {
  findingsFor(document: vscode.TextDocument): readonly Finding[];
}

/**
 * Turns the fixes the core computed for a finding into quick fixes on its diagnostic, tied by
 * `diagnostic.code` (the code-actions-sample pattern). Fixes always come from the findings of the
 * document's current version, so their offsets can never be stale.
 */
export class HealthcheckQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly findings: FindingsSource) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const ours = context.diagnostics.filter((d) => d.source === FINDING_SOURCE);
    if (ours.length === 0) return [];
    const actions: vscode.CodeAction[] = [];
    for (const finding of this.findings.findingsFor(document)) {
      if (!finding.fixes?.length) continue;
      const diagnostic = diagnosticOf(finding, ours, document);
      if (!diagnostic) continue;
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) action.edit.replace(document.uri, toRange(edit.range, document), edit.newText);
        actions.push(action);
      }
    }
    return actions;
  }
}

/**
 * The diagnostic a finding was published as: same code and range, or — when the document changed and the
 * diagnostics are about to be refreshed — same code and message.
 */
function diagnosticOf(finding: Finding, diagnostics: vscode.Diagnostic[], document: vscode.TextDocument): vscode.Diagnostic | undefined {
  const sameCode = diagnostics.filter((d) => codeOf(d) === finding.code);
  const range = toRange(finding.range, document);
  return sameCode.find((d) => d.range.isEqual(range)) ?? sameCode.find((d) => d.message === finding.message);
}
