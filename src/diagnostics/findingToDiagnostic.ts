import * as vscode from 'vscode';
import type { LineIndex, Range } from '../core/compose/range';
import type { Finding, Severity } from '../core/lint';
import type { RuleLinks } from './ruleLinks';

/** The `source` of every diagnostic from a rule's finding (shown in the Problems panel); a probe's are `probe`. */
export const FINDING_SOURCE = 'compose-health';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Offsets → positions for one version of a text (an open TextDocument, or a file read from disk). */
export interface PositionMapper {
  positionAt(offset: number): vscode.Position;
}

/** A PositionMapper over a line index of the text (a file read from disk has no TextDocument to ask). */
export function lineMapper(lines: Pick<LineIndex, 'positionAt'>): PositionMapper {
  return {
    positionAt: (offset) => {
      const p = lines.positionAt(offset);
      return new vscode.Position(p.line, p.character);
    },
  };
}

export function toRange(range: Range, text: PositionMapper): vscode.Range {
  return new vscode.Range(text.positionAt(range.start), text.positionAt(Math.max(range.start, range.end)));
}

/** `code.target` opens the rule's section of the packaged docs/rules.md (see `RuleLinks`). */
export function toDiagnostic(finding: Finding, text: PositionMapper, links: RuleLinks): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range, text), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = FINDING_SOURCE;
  diagnostic.code = { value: finding.code, target: links.target(finding.code) };
  return diagnostic;
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
