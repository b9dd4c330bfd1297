import * as vscode from 'vscode';
import { COMMAND } from '../../commands/ids';
import type { EngineStatus } from '../../core/health/model';
import type { EngineSwarm } from '../../swarm/views';
import type { EngineElement } from '../elements';

/**
 * An engine's row says which engine it is (`Docker 20.10.24  unix:///var/run/docker.sock`) or, while it
 * is not connected, what failed and where, with Retry. With one engine it is the first row (the only one
 * while not connected); with several (`several`), each engine's row holds its projects.
 */
export function engineItem(element: EngineElement, status: EngineStatus, several: boolean, swarm?: EngineSwarm): vscode.TreeItem {
  // Expanded in every state: VS Code keeps the state a row id was first drawn with, so a row first drawn
  // while connecting would stay folded once its projects arrive.
  const collapsible = several ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None;

  if (status.kind === 'connected') {
    const product = status.version.product?.includes('Podman') ? 'Podman' : 'Docker';
    const item = new vscode.TreeItem(`${product} ${status.version.version}`, collapsible);
    item.id = element.id;
    // An engine named by a Docker context (composeHealth.engines, or the CLI's current one) shows that name too.
    item.description = status.context ? `${status.context} · ${status.url}` : status.url;
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.tooltip = new vscode.MarkdownString(`Connected to ${escape(product)} ${escape(status.version.version)} (API ${escape(status.version.apiVersion)}) at \`${status.url}\`, from the ${escape(status.origin)}.${swarmLine(swarm)}`);
    item.contextValue = 'engine';
    return item;
  }
  if (status.kind === 'down') {
    const item = new vscode.TreeItem(status.problem.message, collapsible);
    item.id = element.id;
    item.description = 'retrying…';
    item.iconPath = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('errorForeground'));
    item.tooltip = new vscode.MarkdownString(`${escape(status.problem.message)}\n\n${escape(status.problem.hint)}\n\nThe view tries again every few seconds; choose **Retry** to try now.`);
    item.contextValue = 'engineDown';
    item.command = { command: COMMAND.retryConnection, title: 'Retry Docker Connection', arguments: [element] };
    return item;
  }
  // `unknown`: an engine of the list whose connection has not started yet.
  const where = status.kind === 'connecting' && status.url ? ` at ${status.url}` : several ? ` ${element.engineId}` : '';
  const item = new vscode.TreeItem(`Connecting to Docker${where}…`, collapsible);
  item.id = element.id;
  item.iconPath = new vscode.ThemeIcon('loading~spin');
  item.contextValue = 'engineConnecting';
  return item;
}

/** What the engine is in a swarm, when it is in one. */
function swarmLine(swarm: EngineSwarm | undefined): string {
  switch (swarm?.kind) {
    case 'active': {
      const stacks = swarm.model.stacks.length;
      return `\n\nSwarm manager of ${swarm.model.nodes.length} node${swarm.model.nodes.length === 1 ? '' : 's'}, ${stacks} stack${stacks === 1 ? '' : 's'}.`;
    }
    case 'worker':
      return "\n\nSwarm worker: only a manager lists the stacks; this engine gives the health of their tasks on this node to a manager's rows.";
    case 'failed':
      return `\n\n${escape(swarm.message)}`;
    default:
      return '';
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
