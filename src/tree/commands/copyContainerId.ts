import * as vscode from 'vscode';
import type { TreeElement } from '../elements';
import { containerOf, type TreeCommandContext } from './context';

export async function copyContainerId(ctx: TreeCommandContext, element: TreeElement | undefined): Promise<void> {
  const record = containerOf(ctx.store, element);
  if (!record) {
    void vscode.window.showInformationMessage('Compose Health: choose a container in the Services view to copy its ID.');
    return;
  }
  await vscode.env.clipboard.writeText(record.id);
  vscode.window.setStatusBarMessage(`$(copy) Copied the ID of ${record.name}`, 3000);
}
