import * as vscode from 'vscode';
import { loadCompose, type ComposeModel } from '../core/compose';
import { healthcheckHover } from '../core/lint/hover';
import type { DiagnosticsConfiguration } from './configuration';
import { isComposeDocument } from './composeDocuments';
import { toRange } from './findingToDiagnostic';
import { ProjectFileReader } from './projectFiles';

/** Hover on a `healthcheck:` block: effective values, first probe, time to `unhealthy` (core/lint/hover). */
export class HealthcheckHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  /** The model of each open document's latest version, so hovering does not re-parse an unchanged file. */
  private readonly models = new Map<string, { version: number; model: ComposeModel }>();
  private readonly onClose = vscode.workspace.onDidCloseTextDocument((d) => this.models.delete(d.uri.toString()));

  constructor(
    private readonly configuration: DiagnosticsConfiguration,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isComposeDocument(document, this.configuration.extraGlobs)) return undefined;
    try {
      const hover = healthcheckHover(this.modelOf(document), document.offsetAt(position));
      if (!hover) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(hover.range, document));
    } catch (error) {
      this.log.error(`Hover in ${vscode.workspace.asRelativePath(document.uri)} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return undefined;
    }
  }

  private modelOf(document: vscode.TextDocument): ComposeModel {
    const key = document.uri.toString();
    const cached = this.models.get(key);
    if (cached?.version === document.version) return cached.model;
    const reader = new ProjectFileReader();
    const model = loadCompose(document.getText(), { fileName: document.uri.fsPath, env: process.env, readFile: reader.readFile });
    this.models.set(key, { version: document.version, model });
    return model;
  }

  dispose(): void {
    this.onClose.dispose();
    this.models.clear();
  }
}
