import * as vscode from 'vscode';
import { WORKBENCH_COMMAND } from '../commands/ids';
import type { HealthStore } from '../core/health/store';
import type { EngineId } from '../core/health/model';
import { summarize, type HealthSummary, type ProjectView } from '../core/health/select';
import { serviceDescription, serviceHasHealthcheck, serviceStatus, summarizeStacks } from '../core/swarm/select';
import type { SwarmStack } from '../core/swarm/types';
import type { HealthHistory } from '../core/history/model';
import { recentTransitions } from '../core/history/transitions';

/** How many of the last status changes the tooltip lists. */
const TRANSITIONS_SHOWN = 5;

/**
 * `$(pulse) 5/6 healthy`: services with a healthcheck that are healthy, over all that have one, summed
 * over the engines (the tooltip gives each engine's own count). Clicking
 * it focuses the Services view. Hidden until the engine connection has been started (it follows the store): for a workspace with
 * compose files that is soon after activation, with or without the Services view.
 */
export class HealthStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('composeHealth.summary', vscode.StatusBarAlignment.Left, 50);
  private visible = false;

  constructor(
    private readonly store: HealthStore,
    private readonly history: HealthHistory,
    /** What the Services view shows: its Compose projects and each engine's Swarm stacks. */
    private readonly shown: ShownHealth,
  ) {
    this.item.name = 'Compose Health';
    this.item.command = WORKBENCH_COMMAND.focusServices;
  }

  update(): void {
    const engines = [...this.store.state.engines];
    const connected = engines.filter(([, status]) => status.kind === 'connected');
    const problems = engines.flatMap(([, status]) => (status.kind === 'down' ? [status.problem.message] : []));
    if (connected.length === 0 && problems.length > 0) {
      this.item.text = '$(debug-disconnect) Docker unreachable';
      this.item.tooltip = `${problems.join('\n\n')}\n\nClick to open the Services view.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.show();
      return;
    }
    const projects = this.shown.projects();
    const stacks = engines.map(([engineId]) => this.shown.stacks(engineId));
    // Stack services with a healthcheck count like Compose services: one service, one verdict.
    const summary = [summarize(projects), ...stacks.map(summarizeStacks)].reduce(addSummaries);
    if (connected.length === 0 || summary.checked === 0) {
      this.item.hide();
      this.visible = false;
      return;
    }
    this.item.text = `$(pulse) ${summary.healthy}/${summary.checked} healthy`;
    this.item.backgroundColor = summary.unhealthy > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Compose Health** — ${summary.healthy} of ${summary.checked} services with a healthcheck are healthy\n\n`);
    if (engines.length > 1) {
      for (const [i, [engineId, status]] of engines.entries()) {
        const own = addSummaries(summarize(projects.filter((p) => p.engineId === engineId)), summarizeStacks(stacks[i]));
        const state = status.kind === 'connected' ? `${own.healthy}/${own.checked} healthy` : status.kind === 'down' ? `unreachable — ${status.problem.message}` : 'connecting…';
        tooltip.appendMarkdown(`- \`${engineId}\`: ${state}\n`);
      }
      tooltip.appendMarkdown('\n');
    }
    for (const p of projects) {
      for (const s of p.services) {
        if (s.hasHealthcheck && s.status !== 'healthy') tooltip.appendMarkdown(`- ${p.name} / **${s.name}**: ${s.description}\n`);
      }
    }
    for (const stack of stacks.flat()) {
      for (const s of stack.services) {
        if (serviceHasHealthcheck(s) && serviceStatus(s) !== 'healthy') tooltip.appendMarkdown(`- stack ${stack.name ?? '(none)'} / **${s.name}**: ${serviceDescription(s)}\n`);
      }
    }
    // The last transitions of the projects shown, from the history (recorded before the store's change
    // that led here: HealthStore.onDidApply fires first).
    const transitions = recentTransitions(this.history, projects.map((p) => p.name), TRANSITIONS_SHOWN);
    if (transitions.length > 0) {
      tooltip.appendMarkdown('\n\nLast changes:\n\n');
      for (const t of transitions) {
        const why = t.explanation ? ` — ${t.explanation.label}` : '';
        tooltip.appendMarkdown(`- ${new Date(t.at).toLocaleTimeString()} ${t.project} / **${t.service}** → ${t.status}${why}\n`);
      }
    }
    this.item.tooltip = tooltip;
    this.show();
  }

  /** The text shown, or undefined while hidden (a status bar item cannot be read back through the API). */
  get shownText(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private show(): void {
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** What the Services view shows, which the status bar and the view's badge count. */
export interface ShownHealth {
  projects(): ProjectView[];
  /** An engine's Swarm stacks (none outside a swarm). */
  stacks(engineId: EngineId): readonly SwarmStack[];
}

function addSummaries(a: HealthSummary, b: HealthSummary): HealthSummary {
  return { healthy: a.healthy + b.healthy, unhealthy: a.unhealthy + b.unhealthy, starting: a.starting + b.starting, checked: a.checked + b.checked };
}
