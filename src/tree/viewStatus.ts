import type * as vscode from 'vscode';
import type { HealthStore } from '../core/health/store';
import { summarize, type ProjectScope } from '../core/health/select';
import { summarizeStacks } from '../core/swarm/select';
import type { ShownHealth } from './statusBar';
import type { TreeElement } from './elements';

/**
 * The Services view's own status, beside its rows: the badge on the activity bar (unhealthy services),
 * the description (the engine's address, shown when the view shares its container) and the message shown
 * when there is nothing to list. Like the status bar (statusBar.ts), it follows the store.
 */
export class ServicesViewStatus {
  // Assigned only when they change: setting a TreeView's message goes through the same 200 ms debounce
  // as tree refreshes in the extension host (vscode extHostTreeViews.ts), so a needless assignment would
  // hold back the next health change.
  private readonly shown: { description?: string; badge?: number; message?: string } = {};

  constructor(
    private readonly view: vscode.TreeView<TreeElement>,
    private readonly store: HealthStore,
    private readonly scope: () => ProjectScope,
    /** What the Services view shows: its Compose projects and each engine's Swarm stacks. */
    private readonly contents: ShownHealth,
  ) {}

  update(): void {
    const engines = [...this.store.state.engines.values()];
    const connected = engines.filter((e) => e.kind === 'connected');
    // The engine rows say the same; the view's description shows when its container holds other views.
    const description = engines.length > 1 ? `${connected.length}/${engines.length} engines` : connected[0]?.url;
    if (description !== this.shown.description) this.view.description = this.shown.description = description;
    const stacks = [...this.store.state.engines.keys()].flatMap((id) => this.contents.stacks(id));
    const projects = this.contents.projects();
    const unhealthy = summarize(projects).unhealthy + summarizeStacks(stacks).unhealthy;
    const badge = unhealthy > 0 ? unhealthy : undefined;
    if (badge !== this.shown.badge) {
      this.shown.badge = badge;
      this.view.badge = badge ? { value: badge, tooltip: `${badge} unhealthy service${badge === 1 ? '' : 's'}` } : undefined;
    }
    const message = engines.length === 1 && connected.length === 1 && projects.length === 0 && stacks.length === 0 ? emptyMessage(this.scope()) : undefined;
    if (message !== this.shown.message) this.view.message = this.shown.message = message;
  }
}

function emptyMessage(scope: ProjectScope): string {
  return scope === 'workspace'
    ? 'No Compose project of this workspace is on the engine and no compose file was found. Set composeHealth.tree.projects to "all" to see every project.'
    : 'No Compose projects on this engine. Start one with docker compose up.';
}
