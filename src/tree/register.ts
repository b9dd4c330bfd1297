import * as vscode from 'vscode';
import type { ComposeFiles } from '../compose/composeFiles';
import type { ComposeDocumentService } from '../compose/documents';
import { ChangeCoalescer } from '../core/health/coalesce';
import type { ProjectScope } from '../core/health/select';
import { copyContainerId } from './commands/copyContainerId';
import { openDefinition } from './commands/openDefinition';
import { restartContainer } from './commands/restartContainer';
import { showContainerLogs } from './commands/showContainerLogs';
import { PROBE_LOG_SCHEME, ProbeLogDocuments, showProbeLog } from './commands/showProbeLog';
import type { TreeCommandContext } from './commands/context';
import type { TreeElement } from './elements';
import { ServicesTreeProvider } from './provider';
import type { SharedEngine } from '../engine/sharedEngine';
import { HealthStatusBar } from './statusBar';
import { createTreeTestApi, type TreeTestApi } from './testApi';
import { WorkspaceComposeFiles } from './workspaceFiles';

export const SERVICES_VIEW = 'composeHealth.services';

/** At most one redraw per this many ms; the first change after a quiet spell is drawn at once. */
const REDRAW_INTERVAL_MS = 100;

/**
 * The Services view, its status-bar summary and its commands. Nothing connects to the engine during
 * activation; the connection starts when the view is first visible or, after activation, when the
 * workspace turns out to hold a compose file. From then on it stays (an idle events stream costs
 * nothing) so the status bar keeps summarising while the view is hidden or was never opened.
 */
export function registerTree(
  engine: SharedEngine,
  documents: ComposeDocumentService,
  composeFiles: ComposeFiles,
  log: vscode.LogOutputChannel,
  { withTestApi }: { withTestApi: boolean },
): vscode.Disposable & { testApi?: TreeTestApi } {
  const { connection, store, monitor } = engine;
  const scope = (): ProjectScope => (vscode.workspace.getConfiguration('composeHealth').get<string>('tree.projects') === 'workspace' ? 'workspace' : 'all');
  const provider = new ServicesTreeProvider(store, monitor, scope);
  const view = vscode.window.createTreeView(SERVICES_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const statusBar = new HealthStatusBar(store, scope);
  const files = new WorkspaceComposeFiles(store, composeFiles, documents);

  // Assigned only when they change: setting a TreeView's message goes through the same 200 ms debounce
  // as tree refreshes in the extension host (vscode extHostTreeViews.ts), so a needless assignment would
  // hold back the next health change.
  const shown: { description?: string; badge?: number; message?: string } = {};
  const redraw = () => {
    const engineState = store.state.engine;
    // The engine row says the same; the view's description shows when its container holds other views.
    const description = engineState.kind === 'connected' ? engineState.url : undefined;
    if (description !== shown.description) view.description = shown.description = description;
    const unhealthy = store.summary(scope()).unhealthy;
    const badge = unhealthy > 0 ? unhealthy : undefined;
    if (badge !== shown.badge) {
      shown.badge = badge;
      view.badge = badge ? { value: badge, tooltip: `${badge} unhealthy service${badge === 1 ? '' : 's'}` } : undefined;
    }
    const message =
      engineState.kind === 'connected' && store.projects(scope()).length === 0
        ? scope() === 'workspace'
          ? 'No Compose project of this workspace is on the engine and no compose file was found. Set composeHealth.tree.projects to "all" to see every project.'
          : 'No Compose projects on this engine. Start one with docker compose up.'
        : undefined;
    if (message !== shown.message) view.message = shown.message = message;
    statusBar.update();
  };
  const coalescer = new ChangeCoalescer(REDRAW_INTERVAL_MS, (change) => {
    provider.refresh(change);
    redraw();
  });

  // Both are idempotent: the view starts them at once when first shown.
  const start = () => {
    monitor.start();
    void files.start();
  };
  if (view.visible) start();
  // The status bar summarises a workspace with compose files without the view being opened: the files
  // are looked for once activate() has returned (it does no I/O itself), and the first one found starts
  // the engine connection. A workspace without one never connects until the view is shown.
  const discovery = setTimeout(() => void files.start(), 0);
  const connectOnFirstFile = store.onDidChange(() => {
    if (store.state.workspaceFiles.size === 0) return;
    connectOnFirstFile.dispose();
    monitor.start();
  });

  const ctx: TreeCommandContext = { connection, store, monitor, log, documents };
  const command = (id: string, run: (element: TreeElement | undefined) => unknown) =>
    vscode.commands.registerCommand(id, async (element?: TreeElement) => {
      try {
        await run(element);
      } catch (error) {
        log.error(`${id} failed: ${(error as Error).stack ?? error}`);
        void vscode.window.showErrorMessage(`Compose Health: ${(error as Error).message}`);
      }
    });

  const disposables: vscode.Disposable[] = [
    { dispose: () => clearTimeout(discovery) },
    connectOnFirstFile,
    view,
    provider,
    statusBar,
    files,
    { dispose: () => coalescer.dispose() },
    store.onDidChange((change) => coalescer.push(change)),
    view.onDidChangeVisibility((e) => e.visible && start()),
    view.onDidCollapseElement((e) => e.element.kind === 'container' && provider.expanded.delete(e.element.containerId)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('composeHealth.tree.projects')) coalescer.push({ structural: true, services: new Set(), details: new Set() });
    }),
    vscode.workspace.registerTextDocumentContentProvider(PROBE_LOG_SCHEME, new ProbeLogDocuments(ctx)),
    command('composeHealth.refresh', () => {
      start();
      return vscode.window.withProgress({ location: { viewId: SERVICES_VIEW } }, () => monitor.refresh());
    }),
    command('composeHealth.retryConnection', () => {
      start();
      connection.retryNow();
    }),
    command('composeHealth.openDefinition', (element) => openDefinition(ctx, element)),
    command('composeHealth.showProbeLog', (element) => showProbeLog(ctx, element)),
    command('composeHealth.restartContainer', (element) => restartContainer(ctx, element)),
    command('composeHealth.showContainerLogs', (element) => showContainerLogs(ctx, element)),
    command('composeHealth.copyContainerId', (element) => copyContainerId(ctx, element)),
  ];
  // Only in development and test runs (src/extension.ts): what ships builds and exports no test hooks.
  const testApi = withTestApi ? createTreeTestApi(provider, store, coalescer, view, statusBar) : undefined;
  if (testApi) disposables.push(testApi);
  return {
    testApi,
    dispose: () => {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
