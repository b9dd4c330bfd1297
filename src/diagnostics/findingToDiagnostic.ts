import * as vscode from 'vscode';
import type { Range } from '../core/compose/range';
import type { Finding, Severity } from '../core/lint';

/** The `source` of every diagnostic this extension reports (shown in the Problems panel). */
export const DIAGNOSTIC_SOURCE = 'compose-health';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Offsets → positions for one version of a text (an open TextDocument, or a file read from disk). */
export interface PositionMapper {
  positionAt(offset: number): vscode.Position;
}

export function toRange(range: Range, text: PositionMapper): vscode.Range {
  return new vscode.Range(text.positionAt(range.start), text.positionAt(Math.max(range.start, range.end)));
}

/**
 * `code.target` links to the rule's section of the packaged docs/rules.md (no repository URL is known;
 * the file ships in the .vsix, see .vscodeignore), so the link works offline and matches the version.
 */
export function toDiagnostic(finding: Finding, text: PositionMapper, rulesDoc: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range, text), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.code, target: rulesDoc.with({ fragment: finding.code }) };
  return diagnostic;
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
