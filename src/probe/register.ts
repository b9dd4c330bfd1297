import * as vscode from 'vscode';
import { COMMAND } from '../commands/ids';
import { registerCommand } from '../commands/register';
import type { ComposeFiles } from '../compose/composeFiles';
import type { DockerfileDocuments } from '../compose/dockerfileDocuments';
import type { ComposeDocumentService } from '../compose/documents';
import { COMPOSE_LANGUAGES, DOCKERFILE_LANGUAGES } from '../compose/selector';
import type { LiveHealthSource } from '../core/probe/liveHealth';
import { ProbeQueue } from '../core/probe/probeQueue';
import { ServiceInspector } from '../core/probe/serviceStates';
import type { EngineId } from '../core/health/model';
import type { SuggestEngine } from '../core/suggest/engine';
import type { SwarmModel } from '../core/swarm/types';
import { ProbeCodeLensProvider } from './codeLensProvider';
import { composeUpCommand } from './composeTerminal';
import { DockerfileProbeLenses } from './dockerfileLenses';
import { ProbeCodeActions } from './probeCodeActions';
import { ProbeDiagnostics } from './probeDiagnostics';
import { ProbeResults } from './probeResults';
import { runDockerfileProbe } from './runDockerfileProbe';
import { runProbeCommand } from './runProbeCommand';
import { SuggestCodeActions } from './suggestCodeActions';
import { suggestCommand } from './suggestCommand';
import { SuggestionPreviews } from './suggestionPreviews';

export interface ProbeDeps {
  /** The extension's one "Compose Health" log channel. */
  log: vscode.LogOutputChannel;
  /**
   * The engine a compose file's probes run on, asked for on each use (nothing connects at activation):
   * the one its project runs on, else a Swarm manager where it was deployed as a stack (the first engine
   * when neither), or the one `engineId` names.
   */
  engine: (file: string, engineId?: EngineId) => { id: EngineId; client: SuggestEngine };
  /** The engines a compose file's project runs on (else those with its stack), for Run Probe to offer when there are several. */
  enginesOf: (file: string) => Array<{ id: EngineId; label: string }>;
  /** What a spawned Compose needs in its environment to reach the engine of the file. */
  dockerCliEnvironment: (file: string) => Record<string, string>;
  /**
   * Each engine's live Swarm model, when it manages a swarm (SwarmViews): a compose file deployed there as
   * a stack has its task containers probed, and the lenses follow the model's changes.
   */
  swarm?: { model(engineId: EngineId): SwarmModel | undefined; onDidChange: vscode.Event<EngineId> };
  /** Live health (the HealthStore); without it the lenses inspect containers on demand. */
  liveHealth?: LiveHealthSource;
  /** The shared parses of compose files (the diagnostics' and hovers' too). */
  documents: ComposeDocumentService;
  /** Which documents are compose files (the shared policy: names and `composeHealth.files`). */
  files: ComposeFiles;
  /** The shared parses of Dockerfiles (the diagnostics' and hovers' too): the HEALTHCHECK lenses read them. */
  dockerfiles: DockerfileDocuments;
  /** The compose files that may define a project's service, for a command run on a Services view row. */
  serviceFiles: (project: string, service: string) => string[];
}

/** The "Run probe" capability: CodeLens, run/recreate/start/suggest commands, probe diagnostics. */
/** `onDidChangeCodeLenses` is the lens provider's own event, for the test exports (src/extension.ts). */
export function registerProbe(deps: ProbeDeps): vscode.Disposable & { onDidChangeCodeLenses: vscode.Event<void> } {
  // Asked on every use, so a new connection (another Docker host) replaces the engine and its caches.
  // The inspector and probe queue are per engine too: runs on one container never overlap (see ProbeQueue).
  const connections = new Map<EngineId, { engine: SuggestEngine; inspector: ServiceInspector; queue: ProbeQueue }>();
  const current = (file: string, engineId?: EngineId) => {
    const { id, client } = deps.engine(file, engineId);
    let connection = connections.get(id);
    if (connection?.engine !== client) connections.set(id, (connection = { engine: client, inspector: new ServiceInspector(client, () => deps.swarm?.model(id)), queue: new ProbeQueue() }));
    return connection;
  };
  const getEngine = (file: string, engineId?: EngineId): SuggestEngine => current(file, engineId).engine;
  const getInspector = (file: string, engineId?: EngineId): ServiceInspector => current(file, engineId).inspector;
  const getQueue = (file: string, engineId?: EngineId): ProbeQueue => current(file, engineId).queue;

  const { documents, files, dockerfiles } = deps;
  const results = new ProbeResults();
  const diagnostics = new ProbeDiagnostics();
  const lenses = new ProbeCodeLensProvider(documents, getInspector, results, diagnostics, deps.liveHealth, deps.swarm?.onDidChange);
  const dockerfileLenses = new DockerfileProbeLenses({ files, documents, dockerfiles }, getEngine, results, deps.liveHealth);
  const dockerfileRunDeps = { files, documents, dockerfiles, engine: getEngine, queue: getQueue, results, log: deps.log };
  const runDeps = { documents, files, engine: getEngine, enginesOf: deps.enginesOf, inspector: getInspector, queue: getQueue, results, diagnostics, log: deps.log };
  const previews = new SuggestionPreviews();
  const suggestActions = new SuggestCodeActions(documents);
  const suggestDeps = { documents, files, engine: getEngine, queue: getQueue, log: deps.log, previews, serviceFiles: deps.serviceFiles };
  const containersChanged = (): void => {
    lenses.refresh();
    dockerfileLenses.refresh();
  };
  const composeDeps = { documents, files, inspector: getInspector, environment: deps.dockerCliEnvironment, onContainersChanged: containersChanged };

  const registration = vscode.Disposable.from(
    diagnostics,
    lenses,
    previews,
    // Registered for the compose languages and narrowed by the shared policy on each request, rather
    // than registered with a pattern selector: a selector is fixed at registration, while the
    // `composeHealth.files` patterns may change at any time (and are asked again below when they do).
    vscode.languages.registerCodeLensProvider(COMPOSE_LANGUAGES, {
      onDidChangeCodeLenses: lenses.onDidChangeCodeLenses,
      provideCodeLenses: (document, token) => (files.isComposeDocument(document) ? lenses.provideCodeLenses(document, token) : []),
    }),
    files.onDidChangePatterns(() => lenses.refresh()),
    dockerfileLenses,
    // The Dockerfile counterpart: a lens on each HEALTHCHECK that a compose service builds into its image.
    vscode.languages.registerCodeLensProvider(DOCKERFILE_LANGUAGES, {
      onDidChangeCodeLenses: dockerfileLenses.onDidChangeCodeLenses,
      provideCodeLenses: (document, token) => (files.isDockerfileDocument(document) ? dockerfileLenses.provideCodeLenses(document, token) : []),
    }),
    // Its quick fixes answer only the probe's own diagnostics, which exist only on compose documents.
    vscode.languages.registerCodeActionsProvider(COMPOSE_LANGUAGES, new ProbeCodeActions(documents), {
      providedCodeActionKinds: ProbeCodeActions.kinds,
    }),
    // Narrowed by the shared policy on each request, as the lenses are.
    vscode.languages.registerCodeActionsProvider(
      COMPOSE_LANGUAGES,
      { provideCodeActions: (document, range) => (files.isComposeDocument(document) ? suggestActions.provideCodeActions(document, range) : []) },
      { providedCodeActionKinds: SuggestCodeActions.kinds },
    ),
    registerCommand(COMMAND.suggestHealthcheck, deps.log, (uri?: unknown, service?: unknown) => suggestCommand(suggestDeps, uri, service)),
    registerCommand(COMMAND.runProbe, deps.log, (uri?: vscode.Uri, service?: string) => runProbeCommand(runDeps, uri, service)),
    registerCommand(COMMAND.runDockerfileProbe, deps.log, (uri?: vscode.Uri, offset?: number) => runDockerfileProbe(dockerfileRunDeps, uri, offset)),
    registerCommand(COMMAND.recreateService, deps.log, (uri?: vscode.Uri, service?: string) => composeUpCommand(composeDeps, 'recreate', uri, service)),
    registerCommand(COMMAND.startService, deps.log, (uri?: vscode.Uri, service?: string) => composeUpCommand(composeDeps, 'start', uri, service)),
    // A probe result describes the text that was probed: the next edit drops it (lens and diagnostic).
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      results.clear(e.document.uri.toString());
      diagnostics.clearFailures(e.document.uri);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      results.clear(document.uri.toString());
      diagnostics.forget(document.uri);
    }),
  );
  return Object.assign(registration, { onDidChangeCodeLenses: lenses.onDidChangeCodeLenses });
}
