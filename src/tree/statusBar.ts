import * as vscode from 'vscode';
import type { HealthStore } from '../core/health/store';
import type { ProjectScope } from '../core/health/select';

/**
 * `$(pulse) 5/6 healthy`: services with a healthcheck that are healthy, over all that have one. Clicking
 * it focuses the Services view. Hidden until the engine connection has been started (it follows the store).
 */
export class HealthStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('composeHealth.summary', vscode.StatusBarAlignment.Left, 50);

  constructor(
    private readonly store: HealthStore,
    private readonly scope: () => ProjectScope,
  ) {
    this.item.name = 'Compose Health';
    this.item.command = 'composeHealth.services.focus';
  }

  update(): void {
    const engine = this.store.state.engine;
    if (engine.kind === 'down') {
      this.item.text = '$(debug-disconnect) Docker unreachable';
      this.item.tooltip = `${engine.problem.message}\n\nClick to open the Services view.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.show();
      return;
    }
    const projects = this.store.projects(this.scope());
    const summary = this.store.summary(this.scope());
    if (engine.kind !== 'connected' || summary.checked === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(pulse) ${summary.healthy}/${summary.checked} healthy`;
    this.item.backgroundColor = summary.unhealthy > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Compose Health** — ${summary.healthy} of ${summary.checked} services with a healthcheck are healthy\n\n`);
    for (const p of projects) {
      for (const s of p.services) {
        if (s.hasHealthcheck && s.status !== 'healthy') tooltip.appendMarkdown(`- ${p.name} / **${s.name}**: ${s.description}\n`);
      }
    }
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
