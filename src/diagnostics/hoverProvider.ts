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
    /** The healthchecks the file's services run now, as the live view knows them (it inspects what it has not). */
    private readonly running: (file: string, model: ComposeModel, service: string) => Promise<ReadonlyMap<string, RunningCheck>> = async () => new Map(),
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.files.isComposeDocument(document)) return undefined;
    try {
      const parsed = this.documents.forDocument(document);
      const model = parsed.model();
      const offset = document.offsetAt(position);
      // Only where there is a hover at all is the live view asked; a slow engine does not hold the hover up.
      const service = healthcheckHover(model, offset, parsed.imageChecks())?.service;
      if (service === undefined) return undefined;
      const running = await withinMs(this.running(document.uri.fsPath, model, service), RUNNING_WAIT_MS);
      const hover = healthcheckHover(model, offset, parsed.imageChecks(), running);
      if (!hover) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(hover.range, document));
    } catch (error) {
      this.log.error(`Hover in ${vscode.workspace.asRelativePath(document.uri)} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return undefined;
    }
  }
}

/** How long the hover waits for an inspect of a running container before showing what it has. */
const RUNNING_WAIT_MS = 2500;

/** The promise's value, or undefined when it fails or takes longer than `ms` (then the hover goes without it). */
function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}
