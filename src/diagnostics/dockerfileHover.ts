import * as vscode from 'vscode';
import type { ComposeFiles } from '../compose/composeFiles';
import type { DockerfileDocuments } from '../compose/dockerfileDocuments';
import { dockerfileHover } from '../core/lint/dockerfileHover';
import { toRange } from './findingToDiagnostic';

/** Hover on a Dockerfile HEALTHCHECK (core/lint/dockerfileHover), from the parse its diagnostics came from. */
export class DockerfileHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly files: ComposeFiles,
    private readonly dockerfiles: DockerfileDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.files.isDockerfileDocument(document)) return undefined;
    try {
      const hover = dockerfileHover(this.dockerfiles.forDocument(document), document.offsetAt(position), (offset) => document.positionAt(offset).line + 1);
      if (!hover) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(hover.markdown), toRange(hover.range, document));
    } catch (error) {
      this.log.error(`Hover in ${vscode.workspace.asRelativePath(document.uri)} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return undefined;
    }
  }
}
