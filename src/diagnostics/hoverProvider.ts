import * as vscode from 'vscode';
import { loadCompose, type ComposeModel } from '../core/compose';
import { healthcheckHover } from '../core/lint/hover';
import type { DiagnosticsConfiguration } from './configuration';
import { isComposeDocument } from './composeDocuments';
import { toRange } from './findingToDiagnostic';
import { ProjectFileReader } from './projectFiles';

/** Where the hover gets the model of a document's current version (the diagnostics' parse). */
export interface ModelSource {
  /** Undefined when the document is not being checked (diagnostics turned off). */
  modelFor(document: vscode.TextDocument): ComposeModel | undefined;
}

/** Hover on a `healthcheck:` block: effective values, first probe, time to `unhealthy` (core/lint/hover). */
export class HealthcheckHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  /** With diagnostics turned off: the model of each open document's latest version, parsed for the hover. */
  private readonly models = new Map<string, { version: number; model: ComposeModel }>();
  private readonly onClose = vscode.workspace.onDidCloseTextDocument((d) => this.models.delete(d.uri.toString()));

  constructor(
    private readonly configuration: DiagnosticsConfiguration,
    private readonly checked: ModelSource,
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
    const shared = this.checked.modelFor(document);
    if (shared) return shared;
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
