import * as vscode from 'vscode';
import type { EngineSwarm } from '../../swarm/views';
import { serviceDescription, serviceHasHealthcheck, serviceStatus, stackDescription, stackStatus, taskView } from '../../core/swarm/select';
import type { SwarmModel, SwarmService, SwarmStack, SwarmTask } from '../../core/swarm/types';
import type { StackElement, SwarmServiceElement, TaskElement } from '../elements';
import { statusIcon } from '../icons';

/** A stack's row: `shop  stack · 2/2 healthy`, expanded like a workspace project. */
export function stackItem(element: StackElement, stack: SwarmStack, model: SwarmModel): vscode.TreeItem {
  const item = new vscode.TreeItem(stack.name ?? '(services without a stack)', vscode.TreeItemCollapsibleState.Expanded);
  item.id = element.id;
  item.description = stackDescription(stack);
  item.iconPath = statusIcon(stackStatus(stack));
  item.contextValue = 'stack';
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`$(layers) **${escape(stack.name ?? 'Services without a stack')}** — Swarm stack (\`docker stack deploy\`)\n\n`);
  for (const service of stack.services) tooltip.appendMarkdown(`- **${escape(service.name)}** ${escape(serviceDescription(service))}\n`);
  const down = model.nodes.filter((n) => n.state && n.state !== 'ready');
  if (down.length > 0) tooltip.appendMarkdown(`\n$(warning) Node${down.length === 1 ? '' : 's'} not ready: ${down.map((n) => `${escape(n.hostname ?? n.id.slice(0, 12))} (${n.state})`).join(', ')}`);
  item.tooltip = tooltip;
  return item;
}

/** A Swarm service's row: `web  1/1 · healthy`, as `docker stack services` counts REPLICAS. */
export function swarmServiceItem(element: SwarmServiceElement, service: SwarmService): vscode.TreeItem {
  const item = new vscode.TreeItem(service.name, service.tasks.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = element.id;
  item.description = serviceDescription(service);
  item.iconPath = statusIcon(serviceStatus(service));
  item.contextValue = ['swarmService', serviceHasHealthcheck(service) ? 'healthcheck' : ''].filter(Boolean).join(' ');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(service.fullName)}** — Swarm service, ${service.mode}${service.image ? `, image \`${service.image}\`` : ''}\n\n`);
  if (service.healthcheck) tooltip.appendMarkdown(`Healthcheck: \`${JSON.stringify(service.healthcheck)}\`\n\n`);
  else if (!serviceHasHealthcheck(service)) tooltip.appendMarkdown('No healthcheck in the service spec: its tasks are running or not, never healthy.\n\n');
  if (service.updateState) tooltip.appendMarkdown(`Rolling update: ${escape(service.updateState)}${service.updateMessage ? ` — ${escape(service.updateMessage)}` : ''}\n\n`);
  item.tooltip = tooltip;
  return item;
}

/** A task's row: `web.1  running · healthy · node-1`, with why it is in its state in the tooltip. */
export function taskItem(element: TaskElement, task: SwarmTask, service: SwarmService, swarm: EngineSwarm | undefined): vscode.TreeItem {
  const view = taskView(task);
  // `docker service ps` names a task `<service>.<slot>` (a global one's, `<service>.<node id>`); the row drops the stack prefix as the service row does.
  const item = new vscode.TreeItem(`${service.name}.${task.slot ?? task.nodeName ?? task.nodeId?.slice(0, 12) ?? task.id.slice(0, 12)}`, vscode.TreeItemCollapsibleState.None);
  item.id = element.id;
  item.description = view.description;
  item.iconPath = statusIcon(view.status);
  item.contextValue = task.containerId && task.health !== 'remote' && !task.healthFromNode ? 'task local' : 'task';
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(task.name)}** — task \`${task.id.slice(0, 12)}\`\n\n`);
  tooltip.appendMarkdown(`State: ${escape(task.state)} (desired: ${escape(task.desiredState)})\n\n`);
  if (task.error) tooltip.appendMarkdown(`Error: ${escape(task.error)}\n\n`);
  else if (task.message) tooltip.appendMarkdown(`${escape(task.message)}\n\n`);
  if (task.nodeId) tooltip.appendMarkdown(`Node: ${escape(task.nodeName ?? task.nodeId)}${task.nodeState ? ` (${task.nodeState})` : ''}${swarm?.kind === 'active' && task.nodeId === swarm.nodeId ? ', this engine' : ''}\n\n`);
  if (task.containerId) tooltip.appendMarkdown(`Container: \`${task.containerId.slice(0, 12)}\`\n\n`);
  // Only the node's own engine can inspect a task's container (its events stay on that node).
  if (task.healthFromNode) tooltip.appendMarkdown("Its health is read from its node's own engine (in `composeHealth.engines`).");
  else if (task.health === 'remote') tooltip.appendMarkdown('The container runs on another node: its health is seen only through that node\'s engine (add it to `composeHealth.engines`).');
  item.tooltip = tooltip;
  return item;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
