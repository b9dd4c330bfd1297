import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TreeElement } from '../elements';
import type { TreeCommandContext } from './context';

/**
 * Opens the compose file that defines the service, at its `healthcheck:` key when it has one, else at
 * the service's key. The workspace's files come first; else the file named by the container's
 * `config_files` label, when it exists on this machine.
 */
export async function openDefinition(ctx: TreeCommandContext, element: TreeElement | undefined): Promise<void> {
  if (!element || (element.kind !== 'service' && element.kind !== 'container')) {
    void vscode.window.showInformationMessage('Compose Health: choose a service or container in the Services view to open its definition.');
    return;
  }
  const service = ctx.store.service(element.project, element.service, element.engineId);
  const candidates = [service?.definition?.file, ...(service?.containers.flatMap((c) => c.record.compose.configFiles ?? []) ?? [])].filter((f): f is string => !!f);
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    // Ranges are read from the document as it is now (it may have unsaved edits), in its shared parse.
    const entry = ctx.documents.modelFor(document).services.find((s) => s.name === element.service);
    if (!entry) continue;
    const offset = (entry.healthcheck?.keyRange ?? entry.keyRange).start;
    const position = document.positionAt(offset);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
    return;
  }
  const where = candidates.length ? ` (looked in ${candidates.join(', ')})` : '';
  void vscode.window.showWarningMessage(`Compose Health: no compose file on this machine defines service "${element.service}" of project "${element.project}"${where}. Open the folder that holds its compose file.`);
}
