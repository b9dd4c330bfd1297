import * as vscode from 'vscode';
import type { ComposeFiles } from '../compose/composeFiles';
import type { ComposeDocumentService } from '../compose/documents';
import { COMMAND, SERVICES_VIEW } from '../commands/ids';
import { registerCommand } from '../commands/register';
import { ChangeCoalescer } from '../core/health/coalesce';
import type { ProjectScope } from '../core/health/select';
import type { HealthHistory } from '../core/history/model';
import { addEngineFromContext } from '../engine/addEngineFromContext';
import type { SharedEngine } from '../engine/sharedEngine';
import type { SwarmViews } from '../swarm/views';
import { copyContainerId } from './commands/copyContainerId';
import type { TreeCommandContext } from './commands/context';
import { openDefinition } from './commands/openDefinition';
import { restartContainer } from './commands/restartContainer';
import { showContainerLogs } from './commands/showContainerLogs';
import { PROBE_LOG_SCHEME, ProbeLogDocuments, showProbeLog } from './commands/showProbeLog';
import type { TreeElement } from './elements';
import { ServicesTreeProvider } from './provider';
import { HealthStatusBar, type ShownHealth } from './statusBar';
import { createTreeTestApi, type TreeTestApi } from './testApi';
import { ServicesViewStatus } from './viewStatus';
import { WorkspaceComposeFiles } from './workspaceFiles';

/**
 * At most one redraw per this many ms; the first change after a quiet spell is drawn at once. Just over
 * the extension host's own hold on tree changes: it passes the first onDidChangeTreeData on at once,
 * then holds the next ones until 200 ms pass without one, restarting the wait at each (vscode
 * `extHostTreeViews.ts`, `Event.debounce(…, 200, true)`). A redraw asked for sooner than that would
 * restart the wait, so under a steady flow of changes (more than five a second) no row would be drawn
 * until the flow stopped, and a lone second change would wait 200 ms after it instead of going at once.
 */
const REDRAW_INTERVAL_MS = 220;

/**
 * The Services view, its status-bar summary and its commands. Nothing connects to the engine during
 * activation; the connection starts when the view is first visible or, after activation, when the
 * workspace turns out to hold a compose file. From then on it stays (an idle events stream costs
 * nothing) so the status bar keeps summarising while the view is hidden or was never opened.
 */
export function registerTree(
  engine: SharedEngine,
  swarm: SwarmViews,
  history: HealthHistory,
  documents: ComposeDocumentService,
  composeFiles: ComposeFiles,
  log: vscode.LogOutputChannel,
  { withTestApi }: { withTestApi: boolean },
): vscode.Disposable & { testApi?: TreeTestApi } {
  const { store, monitor } = engine;
  const scope = (): ProjectScope => (vscode.workspace.getConfiguration('composeHealth').get<string>('tree.projects') === 'workspace' ? 'workspace' : 'all');
  const provider = new ServicesTreeProvider(store, monitor, history, scope, swarm);
  const view = vscode.window.createTreeView(SERVICES_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const shown: ShownHealth = { projects: () => provider.projectsShown(), stacks: (engineId) => provider.stacksOf(engineId) };
  const viewStatus = new ServicesViewStatus(view, store, scope, shown);
  const statusBar = new HealthStatusBar(store, history, shown);
  // The swarms' changes come from their own monitors: at most one redraw per interval, like the store's.
  // The coalescer merges the engines whose swarm changed (carried as the change's keys).
  const swarmRedraws = new ChangeCoalescer(REDRAW_INTERVAL_MS, (change) => {
    for (const engineId of change.services) provider.refreshSwarm(engineId);
    viewStatus.update();
    statusBar.update();
  });
  const swarmChanged = swarm.onDidChange((engineId) => swarmRedraws.push({ structural: false, services: new Set([engineId]), details: new Set() }));
  const files = new WorkspaceComposeFiles(store, composeFiles, documents);
  const coalescer = new ChangeCoalescer(REDRAW_INTERVAL_MS, (change) => {
    provider.refresh(change);
    viewStatus.update();
    statusBar.update();
  });
  const lazyStart = startLazily(view, store, monitor, files);

  const ctx: TreeCommandContext = { sessionOf: (containerId) => engine.engineOf(containerId)?.connection.session, store, monitor, log, documents };
  const command = (id: Parameters<typeof registerCommand>[0], run: (element?: TreeElement) => unknown) => registerCommand(id, log, run);
  const disposables: vscode.Disposable[] = [
    lazyStart,
    view,
    provider,
    statusBar,
    files,
    { dispose: () => coalescer.dispose() },
    swarmChanged,
    { dispose: () => swarmRedraws.dispose() },
    store.onDidChange((change) => coalescer.push(change)),
    view.onDidCollapseElement((e) => e.element.kind === 'container' && provider.expanded.delete(e.element.containerId)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('composeHealth.tree.projects')) coalescer.push({ structural: true, services: new Set(), details: new Set() });
    }),
    vscode.workspace.registerTextDocumentContentProvider(PROBE_LOG_SCHEME, new ProbeLogDocuments(ctx)),
    command(COMMAND.refresh, () => {
      lazyStart.now();
      return vscode.window.withProgress({ location: { viewId: SERVICES_VIEW } }, () => monitor.refresh());
    }),
    // From an engine's row: that engine; from the command palette: every engine that is down.
    command(COMMAND.retryConnection, (element) => {
      lazyStart.now();
      const one = element?.kind === 'engine' ? engine.engines().find((e) => e.id === element.engineId) : undefined;
      if (one) one.connection.retryNow();
      else monitor.retryNow();
    }),
    command(COMMAND.addEngineFromContext, () => addEngineFromContext()),
    command(COMMAND.openDefinition, (element) => openDefinition(ctx, element)),
    command(COMMAND.showProbeLog, (element) => showProbeLog(ctx, element)),
    command(COMMAND.restartContainer, (element) => restartContainer(ctx, element)),
    command(COMMAND.showContainerLogs, (element) => showContainerLogs(ctx, element)),
    command(COMMAND.copyContainerId, (element) => copyContainerId(ctx, element)),
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

/**
 * When the engine connection and the workspace scan start. The view starts both at once when first
 * shown. Without it, the status bar still summarises a workspace with compose files: the files are looked
 * for once activate() has returned (it does no I/O itself), and the first one found starts the engine
 * connection. A workspace without one never connects until the view is shown. Both starts are idempotent.
 */
function startLazily(
  view: vscode.TreeView<TreeElement>,
  store: SharedEngine['store'],
  monitor: SharedEngine['monitor'],
  files: WorkspaceComposeFiles,
): vscode.Disposable & { now(): void } {
  const now = () => {
    monitor.start();
    void files.start();
  };
  if (view.visible) now();
  const discovery = setTimeout(() => void files.start(), 0);
  const connectOnFirstFile = store.onDidChange(() => {
    if (store.state.workspaceFiles.size === 0) return;
    connectOnFirstFile.dispose();
    monitor.start();
  });
  const visibility = view.onDidChangeVisibility((e) => e.visible && now());
  return {
    now,
    dispose: () => {
      clearTimeout(discovery);
      connectOnFirstFile.dispose();
      visibility.dispose();
    },
  };
}
