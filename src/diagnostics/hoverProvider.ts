import * as vscode from 'vscode';
import type { ComposeFiles } from '../compose/composeFiles';
import type { ComposeDocumentService } from '../compose/documents';
import type { ComposeModel } from '../core/compose/model';
import { healthcheckHover, type RunningCheck } from '../core/lint/hover';
import { toRange } from './findingToDiagnostic';

/**
 * Hover on a `healthcheck:` block or a `build:` key: the check the service really runs, with its image's
 * HEALTHCHECK from the workspace Dockerfile, first probe, time to `unhealthy` (core/lint/hover).
 * The model comes from the shared parse of the document's version, the one its diagnostics came from.
 */
export class HealthcheckHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly files: ComposeFiles,
    private readonly documents: ComposeDocumentService,
    private readonly log: vscode.LogOutputChannel,
    /** The healthchecks the file's services run now, from what the live view already inspected (no request). */
    private readonly running: (file: string, model: ComposeModel) => ReadonlyMap<string, RunningCheck> = () => new Map(),
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.files.isComposeDocument(document)) return undefined;
    try {
      const parsed = this.documents.forDocument(document);
      const model = parsed.model();
      const hover = healthcheckHover(model, document.offsetAt(position), parsed.imageChecks(), this.running(document.uri.fsPath, model));
      if (!hover) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(hover.range, document));
    } catch (error) {
      this.log.error(`Hover in ${vscode.workspace.asRelativePath(document.uri)} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return undefined;
    }
  }
}
