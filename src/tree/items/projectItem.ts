import * as vscode from 'vscode';
import type { ProjectView } from '../../core/health/select';
import type { ProjectElement } from '../elements';
import { statusIcon } from '../icons';

export function projectItem(element: ProjectElement, view: ProjectView): vscode.TreeItem {
  // The workspace's own stacks open expanded; other projects on the engine stay folded.
  const item = new vscode.TreeItem(view.name, view.inWorkspace ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = element.id;
  item.description = view.description;
  item.iconPath = statusIcon(view.status);
  item.contextValue = view.inWorkspace ? 'project workspace' : 'project';
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`$(layers) **${view.name}** — Compose project${view.inWorkspace ? ' of this workspace' : ''}\n\n`);
  if (view.workingDir) tooltip.appendMarkdown(`Working directory: \`${view.workingDir}\`\n\n`);
  for (const file of view.configFiles ?? []) tooltip.appendMarkdown(`Compose file: \`${file}\`\n\n`);
  tooltip.appendMarkdown(`${view.services.length} service${view.services.length === 1 ? '' : 's'}: ${view.description}`);
  item.tooltip = tooltip;
  return item;
}
