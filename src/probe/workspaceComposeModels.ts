import * as vscode from 'vscode';
import type { ComposeFiles } from '../compose/composeFiles';
import type { ComposeDocumentService } from '../compose/documents';
import type { ComposeFileModel } from '../core/probe/dockerfileTargets';

/**
 * Every compose file the extension knows, parsed: the workspace's (the one search and watchers of
 * ComposeFiles, read through its cached disk parses) and any open compose document, whose unsaved text
 * wins. The Dockerfile lenses ask it which services build a Dockerfile.
 */
export async function workspaceComposeModels(files: ComposeFiles, documents: ComposeDocumentService): Promise<ComposeFileModel[]> {
  const found = new Map<string, ComposeFileModel>();
  for (const document of vscode.workspace.textDocuments) {
    if (files.isComposeDocument(document)) found.set(document.uri.toString(), { file: document.uri.fsPath, model: documents.modelFor(document) });
  }
  const onDisk = (await files.workspaceFiles()).filter((uri) => !found.has(uri.toString()));
  const read = await Promise.all(onDisk.map((uri) => files.read(uri)));
  for (const disk of read) if (disk) found.set(disk.uri.toString(), { file: disk.uri.fsPath, model: disk.parsed.model() });
  return [...found.values()];
}
