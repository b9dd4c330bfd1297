import * as vscode from 'vscode';
import { registerAdvice } from './advice/register';
import { COMMAND } from './commands/ids';
import { registerCommand } from './commands/register';
import { ComposeFiles } from './compose/composeFiles';
import { DockerfileDocuments } from './compose/dockerfileDocuments';
import { ComposeDocumentService } from './compose/documents';
import { dockerCliEnvironment } from './core/engine/cliEnvironment';
import { runningChecksOfFile } from './core/health/select';
import { fileIdentity } from './core/identity/projectIdentity';
import { registerDiagnostics } from './diagnostics';
import { registerHistory } from './history/register';
import { createHistoryTestApi, type HistoryTestApi } from './history/testApi';
import { registerProbe } from './probe/register';
import { registerTimeline } from './timeline/register';
import { liveHealthFromStore } from './probe/storeHealth';
import { registerTree } from './tree/register';
import { createSharedEngine } from './engine/sharedEngine';
import { SwarmViews } from './swarm/views';
import { enginesRunningFile } from './core/health/select';
import type { TreeTestApi } from './tree/testApi';

/**
 * What activate() returns in development and test runs, for the host-tier tests (src/tree/testApi.ts):
 * read-only views. An installed extension (ExtensionMode.Production) returns nothing, so no other
 * extension can reach the live health state.
 */
export interface ComposeHealthExports {
  tree: TreeTestApi;
  /** The health history, read only (copies of its lanes). */
  history: HistoryTestApi;
  /** How many times a compose file was parsed: the host tests pin "one edit, one parse" across capabilities. */
  documents: { analysesOf(uri: vscode.Uri): number };
  /** When the probe lenses ask VS Code to redraw them: the host tests pin that only a change a lens shows does. */
  probe: { onDidChangeCodeLenses: vscode.Event<void> };
}

// activate() only wires: one register call per capability, each returning a Disposable.
export function activate(context: vscode.ExtensionContext): ComposeHealthExports | undefined {
  const testHooks = context.extensionMode !== vscode.ExtensionMode.Production;
  const log = vscode.window.createOutputChannel('Compose Health', { log: true });
  // The engines (composeHealth.engines) and the health store shared by the tree and the probe runner; nothing connects yet.
  const engine = createSharedEngine(log);
  // Each engine's swarm, if it manages one: stacks → services → tasks, live from the same events stream.
  const swarm = new SwarmViews(engine, log);
  // Health over time, recorded from the shared store and kept per workspace; features read it.
  const history = registerHistory(context, engine, log);
  // The one parse of each compose file's version that diagnostics, hovers, lenses and the tree share.
  const documents = new ComposeDocumentService();
  // The same for Dockerfiles (their parser is loaded at the first Dockerfile).
  const dockerfiles = new DockerfileDocuments();
  // Which files are compose files, found and watched once for all of them (nothing is searched yet).
  const files = new ComposeFiles(documents, log);
  const tree = registerTree(engine, swarm, history.history, documents, files, log, { withTestApi: testHooks });
  const showLog = registerCommand(COMMAND.showLog, log, () => log.show(true));
  // The compose hover also says what a service's running container runs: what the store knows, and one
  // inspect (the tree's, shared) for a running container of the file it has not inspected yet. The stack
  // rules ask whether a listed engine is a Swarm node.
  const diagnostics = registerDiagnostics(
    context,
    files,
    documents,
    dockerfiles,
    engine.store,
    log,
    async (file, model, service) => {
      const identity = fileIdentity(file, model);
      const { checks, missing } = runningChecksOfFile(engine.store.state, identity, service);
      if (missing.length === 0) return checks;
      await Promise.all(missing.map((id) => engine.monitor.requestDetails(id)));
      return runningChecksOfFile(engine.store.state, identity, service).checks;
    },
    swarm,
  );
  // A compose file's services: the open editor's (unsaved edits too), else the workspace scan's.
  const servicesOf = (file: string): string[] => {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
    const services = open ? documents.modelFor(open).services : (engine.store.state.workspaceFiles.get(file)?.services ?? []);
    return services.map((s) => s.name);
  };
  // The engines a compose file's project runs on; when it runs nowhere, the Swarm managers where it was
  // deployed as a stack (its task containers are then what the lens inspects and probes).
  const enginesOfFile = (file: string): string[] => {
    const compose = enginesRunningFile(engine.store.projects('all'), file);
    return compose.length > 0 ? compose : swarm.enginesWithStackOf(servicesOf(file));
  };
  // The first engine the file runs on, else the first engine.
  const engineForFile = (file: string, engineId?: string) => {
    const ids = engineId ? [engineId] : enginesOfFile(file);
    return engine.engines().find((e) => ids.includes(e.id)) ?? engine.first();
  };
  const probe = registerProbe({
    log,
    // A file is probed on the engine its project runs on and starts the event streams, so lenses stay live.
    engine: (file, engineId) => {
      engine.monitor.start();
      const handle = engineForFile(file, engineId);
      return { id: handle.id, client: handle.client() };
    },
    enginesOf: (file) =>
      enginesOfFile(file).map((id) => {
        const status = engine.store.state.engines.get(id);
        return { id, label: status?.kind === 'connected' ? `Docker ${status.version.version}` : id };
      }),
    // Compose runs talk to the same engine as the probes (DOCKER_HOST when a setting chose it).
    dockerCliEnvironment: (file) => {
      const address = engineForFile(file).address();
      return address ? dockerCliEnvironment(address) : {};
    },
    swarm: { model: (engineId) => swarm.model(engineId), onDidChange: swarm.onDidChange },
    liveHealth: liveHealthFromStore(engine.store, (file) => engineForFile(file).id),
    documents,
    files,
    dockerfiles,
    // A Services view row names a project's service: the workspace file that defines it, else the
    // files its containers were made from (Compose's config_files label).
    serviceFiles: (project, service) => {
      const view = engine.store.service(project, service);
      const files = [view?.definition?.file, ...(view?.containers.flatMap((c) => c.record.compose.configFiles ?? []) ?? [])];
      return [...new Set(files.filter((f): f is string => !!f))];
    },
  });
  context.subscriptions.push(
    log,
    documents,
    files,
    showLog,
    diagnostics,
    swarm,
    engine,
    history,
    tree,
    registerTimeline({ extensionUri: context.extensionUri, history: history.history, engine, log }),
    registerAdvice({ history: history.history, engine, files, documents, log }),
    probe,
  );
  return tree.testApi
    ? {
        tree: tree.testApi,
        history: createHistoryTestApi(history),
        documents: { analysesOf: (uri) => documents.analysesOf(uri) },
        probe: { onDidChangeCodeLenses: probe.onDidChangeCodeLenses },
      }
    : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
