import * as vscode from 'vscode';
import type { ChangeCoalescer } from '../core/health/coalesce';
import type { HealthStore } from '../core/health/store';
import type { TreeElement } from './elements';
import type { ServicesTreeProvider } from './provider';
import type { HealthStatusBar } from './statusBar';

/** One tree row as VS Code is given it. */
export interface RenderedItem {
  id: string;
  label: string;
  description?: string;
  /** `codicon id` or `codicon id@theme colour id`, e.g. `pass@testing.iconPassed`. */
  icon?: string;
  contextValue?: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  children?: RenderedItem[];
}

/** The store's read side: what the tests inspect. No `dispatch`, so nothing outside can change health. */
export type HealthStoreReader = Pick<HealthStore, 'state' | 'projects' | 'summary' | 'container' | 'service' | 'onDidChange'>;

/**
 * What the host-tier tests read through `activate()`'s return value (`exports.tree`): the rows the
 * provider hands to VS Code, an event after every redraw request, and counters. Built only outside
 * production (src/extension.ts): the installed extension exports nothing. Not a user API.
 */
export interface TreeTestApi {
  /** The rows from the root down to `depth` levels (1 = projects, 3 = containers). */
  render(depth?: number): Promise<RenderedItem[]>;
  /** Fires after the provider asked VS Code to redraw (the coalesced refresh). */
  readonly onDidRefresh: vscode.Event<void>;
  /**
   * Fires with a row's element id each time the provider's getTreeItem returns it (VS Code fetching the
   * row after a redraw request, or `render`): the latency benchmark times the hop from the redraw request
   * to VS Code asking for the row.
   */
  readonly onDidGetTreeItem: vscode.Event<string>;
  stats(): { storeChanges: number; redraws: number; cachedElements: number };
  /** The view's badge count, description (the engine) and message, as last set, and whether it is shown. */
  view(): { badge?: number; description?: string; message?: string; visible: boolean };
  /** The status-bar summary's text, undefined while it is hidden. */
  statusBar(): string | undefined;
  readonly store: HealthStoreReader;
}

export function createTreeTestApi(
  provider: ServicesTreeProvider,
  store: HealthStore,
  coalescer: ChangeCoalescer,
  view: vscode.TreeView<TreeElement>,
  statusBar: HealthStatusBar,
): TreeTestApi & vscode.Disposable {
  const rendered = new vscode.EventEmitter<void>();
  const listener = provider.onDidChangeTreeData(() => queueMicrotask(() => rendered.fire()));
  // The provider has no hook of its own: this instance's method is wrapped while the test API lives
  // (VS Code looks the method up on each call), and put back on dispose.
  const itemFetched = new vscode.EventEmitter<string>();
  const getTreeItem = provider.getTreeItem;
  provider.getTreeItem = (element) => {
    const item = getTreeItem.call(provider, element);
    itemFetched.fire(element.id);
    return item;
  };
  const render = async (elements: TreeElement[], depth: number): Promise<RenderedItem[]> => {
    const rows: RenderedItem[] = [];
    for (const element of elements) {
      const item = provider.getTreeItem(element);
      const row: RenderedItem = {
        id: item.id ?? element.id,
        label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
        collapsible: item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded ? 'expanded' : item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed ? 'collapsed' : 'none',
      };
      if (typeof item.description === 'string') row.description = item.description;
      if (item.iconPath instanceof vscode.ThemeIcon) {
        // ThemeColor keeps its id at run time, though the typings do not declare it.
        const color = (item.iconPath.color as unknown as { id?: string } | undefined)?.id;
        row.icon = color ? `${item.iconPath.id}@${color}` : item.iconPath.id;
      }
      if (item.contextValue) row.contextValue = item.contextValue;
      if (depth > 1 && row.collapsible !== 'none') row.children = await render(await provider.getChildren(element), depth - 1);
      rows.push(row);
    }
    return rows;
  };
  return {
    render: async (depth = 3) => render(await provider.getChildren(), depth),
    onDidRefresh: rendered.event,
    onDidGetTreeItem: itemFetched.event,
    stats: () => ({ storeChanges: coalescer.stats.received, redraws: provider.stats.refreshes, cachedElements: provider.elements.size }),
    view: () => ({ badge: view.badge?.value, description: view.description || undefined, message: view.message || undefined, visible: view.visible }),
    statusBar: () => statusBar.shownText,
    // A view that only reads, not the store itself: the tests observe health, they never dispatch it.
    store: {
      get state() {
        return store.state;
      },
      projects: (scope) => store.projects(scope),
      summary: (scope) => store.summary(scope),
      container: (id) => store.container(id),
      service: (project, service) => store.service(project, service),
      onDidChange: store.onDidChange,
    },
    dispose: () => {
      provider.getTreeItem = getTreeItem;
      itemFetched.dispose();
      listener.dispose();
      rendered.dispose();
    },
  };
}
