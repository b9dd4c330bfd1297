import * as vscode from 'vscode';
import { COMMAND, WORKBENCH_COMMAND } from '../commands/ids';
import { registerCommand } from '../commands/register';
import type { ComposeFiles } from '../compose/composeFiles';
import type { DockerfileDocuments } from '../compose/dockerfileDocuments';
import type { ComposeDocumentService } from '../compose/documents';
import { COMPOSE_LANGUAGES, DOCKERFILE_LANGUAGES } from '../compose/selector';
import type { HealthStore } from '../core/health/store';
import { HealthcheckQuickFixes } from './codeActions';
import { DockerfileHoverProvider } from './dockerfileHover';
import { WorkspaceDiagnosticsConfiguration } from './configuration';
import { ConnectedEngineTarget, type SwarmModeSource } from './engineTarget';
import { RuleLinks } from './ruleLinks';
import { HealthcheckHoverProvider } from './hoverProvider';
import { DiagnosticsManager } from './manager';
import type { ComposeModel } from '../core/compose/model';
import type { RunningCheck } from '../core/lint/hover';

/**
 * Problems-panel diagnostics, quick fixes and hovers for compose healthchecks and Dockerfile
 * HEALTHCHECKs, and the workspace check command. `health` is the shared health store: while an engine is connected, what Compose refuses on
 * the first connected engine is reported too (no connection is started from here).
 */
export function registerDiagnostics(
  context: vscode.ExtensionContext,
  files: ComposeFiles,
  documents: ComposeDocumentService,
  dockerfiles: DockerfileDocuments,
  health: Pick<HealthStore, 'state' | 'onDidChange'>,
  log: vscode.LogOutputChannel,
  running?: (file: string, model: ComposeModel, service: string) => Promise<ReadonlyMap<string, RunningCheck>>,
  swarms?: SwarmModeSource,
): vscode.Disposable {
  const configuration = new WorkspaceDiagnosticsConfiguration();
  const ruleLinks = new RuleLinks(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'));
  const engine = new ConnectedEngineTarget(health, swarms);
  const manager = new DiagnosticsManager(configuration, files, documents, ruleLinks, log, engine, dockerfiles);
  const hover = new HealthcheckHoverProvider(files, documents, log, running);
  manager.start();
  // Registered for the compose and Dockerfile languages; the providers ask the shared policy which documents are which.
  const quickFixes = new HealthcheckQuickFixes(manager);
  return vscode.Disposable.from(
    configuration,
    manager,
    engine,
    vscode.languages.registerHoverProvider(COMPOSE_LANGUAGES, hover),
    vscode.languages.registerCodeActionsProvider(COMPOSE_LANGUAGES, quickFixes, HealthcheckQuickFixes.metadata),
    vscode.languages.registerHoverProvider(DOCKERFILE_LANGUAGES, new DockerfileHoverProvider(files, dockerfiles, log)),
    vscode.languages.registerCodeActionsProvider(DOCKERFILE_LANGUAGES, quickFixes, HealthcheckQuickFixes.metadata),
    registerCommand(COMMAND.lintWorkspace, log, () => lintWorkspace(manager, configuration.enabled)),
  );
}

async function lintWorkspace(manager: DiagnosticsManager, enabled: boolean): Promise<void> {
  if (!enabled) {
    const open = 'Open Settings';
    const choice = await vscode.window.showInformationMessage(
      'Compose Health diagnostics are turned off. Turn on "composeHealth.diagnostics.enable" to check compose files and Dockerfiles.',
      open,
    );
    if (choice === open) await vscode.commands.executeCommand(WORKBENCH_COMMAND.openSettings, 'composeHealth.diagnostics.enable');
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Compose Health: checking compose files and Dockerfiles', cancellable: true },
    (progress, token) => manager.scan({ force: true, progress, token }),
  );
  vscode.window.setStatusBarMessage(`$(check) Compose Health: ${result.files} compose file(s) and Dockerfile(s) checked, ${result.problems} problem(s)`, 5000);
}
