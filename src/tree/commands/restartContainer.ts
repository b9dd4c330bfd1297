import * as vscode from 'vscode';
import type { TreeElement } from '../elements';
import { containerOf, type TreeCommandContext } from './context';

export async function restartContainer(ctx: TreeCommandContext, element: TreeElement | undefined): Promise<void> {
  const record = containerOf(ctx.store, element);
  const session = record && ctx.sessionOf(record.id);
  if (!record || !session) {
    void vscode.window.showInformationMessage(!record ? 'Compose Health: choose a container in the Services view to restart it.' : 'Compose Health: the engine of this container is not connected; retry its connection in the Services view first.');
    return;
  }
  try {
    // The tree follows the restart through its events (die, start, health_status); nothing to refresh here.
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Restarting ${record.name}…` }, () => session.client.restartContainer(record.id));
  } catch (error) {
    void vscode.window.showErrorMessage(`Compose Health: restarting ${record.name} failed: ${(error as Error).message}. See \`docker logs ${record.name}\`.`);
  }
}
