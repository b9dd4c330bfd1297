import * as path from 'node:path';
import * as vscode from 'vscode';
import { currentEpisode, explainAt } from '../../core/history/transitions';
import { statusLabel, type ServiceHealthView } from '../../core/health/select';
import type { ServiceLane } from '../../core/history/model';
import { formatMs } from '../../core/history/timing';
import type { ServiceElement } from '../elements';
import { statusIcon } from '../icons';

/**
 * contextValue tokens (for package.json menus, here and in other capabilities): `service`, then
 * `definable` when the workspace defines it, `notCreated` when it has no container, `healthcheck` when
 * it has one. The tooltip is left undefined so that VS Code asks `resolveTreeItem`, which reads the
 * history at the hover (`serviceTooltip`).
 */
export function serviceItem(element: ServiceElement, view: ServiceHealthView): vscode.TreeItem {
  const hasChildren = view.containers.length > 0;
  const item = new vscode.TreeItem(view.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = element.id;
  item.description = view.description;
  item.iconPath = statusIcon(view.status);
  item.contextValue = ['service', view.definition ? 'definable' : '', view.containers.length === 0 ? 'notCreated' : '', view.hasHealthcheck ? 'healthcheck' : ''].filter(Boolean).join(' ');
  return item;
}

export function serviceTooltip(view: ServiceHealthView, lane: ServiceLane | undefined, now: number): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${view.name}** — ${statusLabel(view.status)} (project ${view.project})\n\n`);
  const episode = lane && currentEpisode(lane);
  if (lane && episode) {
    const test = view.containers.find((c) => c.record.id === episode.containerId)?.record.details?.healthcheck?.test;
    const why = explainAt(lane, episode.containerId, episode.since, test)?.explanation;
    tooltip.appendMarkdown(`$(error) Unhealthy since ${new Date(episode.since).toLocaleTimeString()} (${formatMs(Math.max(0, now - episode.since))} ago)`);
    tooltip.appendMarkdown(why ? ` — **${why.label}**: ${why.advice}\n\n` : '\n\n');
  }
  if (view.containers.length === 0) tooltip.appendMarkdown('No container: start it with `docker compose up`.\n\n');
  for (const c of view.containers) tooltip.appendMarkdown(`- \`${c.record.name}\` ${c.description}\n`);
  if (view.definition) tooltip.appendMarkdown(`\nDefined in \`${path.basename(view.definition.file)}\`${view.definition.healthcheckKeyRange ? ' with a healthcheck' : ' without a healthcheck'}`);
  return tooltip;
}
