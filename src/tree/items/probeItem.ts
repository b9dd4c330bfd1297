import * as vscode from 'vscode';
import { COMMAND } from '../../commands/ids';
import { cutOutput, probeClock, probeSummary } from '../../core/health/probeText';
import { classifyProbe } from '../../core/history/classify';
import type { ProbeResult } from '../../core/engine/types';
import type { ProbeElement } from '../elements';
import { probeIcon } from '../icons';

export function probeItem(element: ProbeElement, probe: ProbeResult): vscode.TreeItem {
  const item = new vscode.TreeItem(probeClock(probe), vscode.TreeItemCollapsibleState.None);
  item.id = element.id;
  const firstLine = probe.output.trim().split(/\r?\n/)[0] ?? '';
  item.description = firstLine ? `${probeSummary(probe)} · ${firstLine}` : probeSummary(probe);
  item.iconPath = probeIcon(probe.exitCode);
  item.contextValue = 'probe';
  const md = new vscode.MarkdownString();
  const why = classifyProbe(probe);
  md.appendMarkdown(`${probe.start} · ${probeSummary(probe)}${why ? ` · ${why.kind === 'other' ? '' : `**${why.label}**: `}${why.advice}` : ''}\n`);
  const { text, cut } = cutOutput(probe.output, 12);
  md.appendCodeblock(text ? (cut ? `${text}\n…` : text) : '(no output)', 'text');
  item.tooltip = md;
  item.command = { command: COMMAND.showProbeLog, title: 'Show Probe Log', arguments: [element] };
  return item;
}
