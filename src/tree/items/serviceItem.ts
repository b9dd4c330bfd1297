import * as path from 'node:path';
import * as vscode from 'vscode';
import { statusLabel, type ServiceHealthView } from '../../core/health/select';
import type { ServiceElement } from '../elements';
import { statusIcon } from '../icons';

/**
 * contextValue tokens (for package.json menus, here and in other capabilities): `service`, then
 * `definable` when the workspace defines it, `notCreated` when it has no container, `healthcheck` when
 * it has one.
 */
export function serviceItem(element: ServiceElement, view: ServiceHealthView): vscode.TreeItem {
  const hasChildren = view.containers.length > 0;
  const item = new vscode.TreeItem(view.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = element.id;
  item.description = view.description;
  item.iconPath = statusIcon(view.status);
  item.contextValue = ['service', view.definition ? 'definable' : '', view.containers.length === 0 ? 'notCreated' : '', view.hasHealthcheck ? 'healthcheck' : ''].filter(Boolean).join(' ');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${view.name}** — ${statusLabel(view.status)} (project ${view.project})\n\n`);
  if (view.containers.length === 0) tooltip.appendMarkdown('No container: start it with `docker compose up`.\n\n');
  for (const c of view.containers) tooltip.appendMarkdown(`- \`${c.record.name}\` ${c.description}\n`);
  if (view.definition) tooltip.appendMarkdown(`\nDefined in \`${path.basename(view.definition.file)}\`${view.definition.healthcheckKeyRange ? ' with a healthcheck' : ' without a healthcheck'}`);
  item.tooltip = tooltip;
  return item;
}
