import * as vscode from 'vscode';
import { renderProbeLog } from '../../core/health/probeText';
import type { TreeElement } from '../elements';
import { containerOf, type TreeCommandContext } from './context';

export const PROBE_LOG_SCHEME = 'compose-health-probe-log';

/** Read-only documents `compose-health-probe-log:/<name>.log?<container id>` with a container's full health log. */
export class ProbeLogDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly ctx: TreeCommandContext) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const session = this.ctx.sessionOf(uri.query);
    if (!session) return "The container's engine is not connected: the probe log cannot be read. Retry its connection in the Services view.\n";
    const details = await session.client.inspectComposeContainer(uri.query);
    return details ? renderProbeLog(details) : `Container ${uri.query.slice(0, 12)} no longer exists.\n`;
  }
}

export async function showProbeLog(ctx: TreeCommandContext, element: TreeElement | undefined): Promise<void> {
  const record = containerOf(ctx.store, element);
  if (!record) {
    void vscode.window.showInformationMessage('Compose Health: choose a container in the Services view to see its probe log.');
    return;
  }
  const uri = vscode.Uri.from({ scheme: PROBE_LOG_SCHEME, path: `/${record.name} probe log.log`, query: record.id });
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: true });
}
