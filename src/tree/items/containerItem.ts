import * as vscode from 'vscode';
import type { ContainerRecord } from '../../core/health/model';
import { cutOutput, formatTest, formatTiming, probeClock, probeSummary } from '../../core/health/probeText';
import { hasHealthcheck } from '../../core/health/reducer';
import { classifyProbe } from '../../core/history/classify';
import type { ContainerView } from '../../core/health/select';
import type { ContainerElement } from '../elements';
import { statusIcon } from '../icons';

/** How many probes a tooltip lists (the engine keeps 5; Show Probe Log has them all in full). */
const TOOLTIP_PROBES = 3;

/**
 * contextValue tokens: `container`, plus `running` while it runs and `healthcheck` when it has one.
 * The tooltip is left undefined so that VS Code asks `resolveTreeItem`, which inspects the container.
 */
export function containerItem(element: ContainerElement, view: ContainerView): vscode.TreeItem {
  const checked = hasHealthcheck(view.record);
  const item = new vscode.TreeItem(view.record.name, checked ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = element.id;
  item.description = view.description;
  item.iconPath = statusIcon(view.status);
  item.contextValue = ['container', view.record.state === 'running' ? 'running' : '', checked ? 'healthcheck' : ''].filter(Boolean).join(' ');
  return item;
}

export function containerTooltip(record: ContainerRecord, status: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${record.name}** — ${status}\n\n`);
  md.appendMarkdown(`\`${record.id.slice(0, 12)}\` · ${record.image} · ${record.compose.project} / ${record.compose.service}\n\n`);
  const details = record.details;
  if (!details) return md;
  const hc = details.healthcheck;
  if (!hc || hc.test?.[0] === 'NONE') {
    md.appendMarkdown('No healthcheck: Docker reports only whether it runs.');
    return md;
  }
  md.appendMarkdown(`Failing streak: **${details.failingStreak}**\n\n`);
  // While failing, why the last probe failed, in plain words (core/history/classify.ts).
  const last = details.probeLog[details.probeLog.length - 1];
  const why = details.failingStreak > 0 && last ? classifyProbe({ exitCode: last.exitCode, output: last.output, test: hc.test }) : undefined;
  if (why) md.appendMarkdown(`$(lightbulb) **${why.label}**: ${why.advice}\n\n`);
  md.appendMarkdown(`Healthcheck (${hc.test?.[0] ?? 'image'}): `);
  md.appendCodeblock(formatTest(hc.test), hc.test?.[0] === 'CMD-SHELL' ? 'sh' : 'text');
  md.appendMarkdown(`${formatTiming(hc)}\n\n`);
  const recent = details.probeLog.slice(-TOOLTIP_PROBES).reverse();
  if (recent.length === 0) md.appendMarkdown('No probe has run yet.');
  for (const probe of recent) {
    md.appendMarkdown(`${probe.exitCode === 0 ? '$(pass)' : '$(error)'} ${probeClock(probe)} · ${probeSummary(probe)}\n`);
    const { text, cut } = cutOutput(probe.output);
    if (text) md.appendCodeblock(cut ? `${text}\n…` : text, 'text');
    else md.appendMarkdown('\n');
  }
  return md;
}
