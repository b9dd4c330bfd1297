import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectComposeCli, upForFile, upFromLabels, type ComposeInvocation } from '../core/probe/composeCli';
import type { ServiceInspector } from '../core/probe/serviceStates';
import { stackUpdateAdvice } from './lensTitles';
import type { ComposeFiles } from '../compose/composeFiles';
import type { ComposeDocumentService } from '../compose/documents';
import { runInTerminal } from './processTerminal';
import { resolveServiceTarget } from './serviceTarget';

export interface ComposeActionDeps {
  documents: ComposeDocumentService;
  files: Pick<ComposeFiles, 'isComposeDocument'>;
  inspector: (file: string) => ServiceInspector;
  /** Added to Compose's environment so that it reaches the file's engine (src/core/engine/cliEnvironment.ts). */
  environment: (file: string) => Record<string, string>;
  /** Called when a Compose run ends: the containers have probably changed. */
  onContainersChanged: () => void;
}

/**
 * `composeHealth.recreateService` and `composeHealth.startService`: `up -d <service>` in a terminal,
 * resolving with Compose's exit code once it ends (the lenses refresh then). Compose is spawned as an
 * executable and an argv array — no shell parses the service name or file paths. Recreate uses the project, files and env file that Compose
 * recorded on the existing containers; a service with no container uses those of another service made
 * from this file, else is started from this file.
 */
export async function composeUpCommand(deps: ComposeActionDeps, action: 'recreate' | 'start', uri?: vscode.Uri, service?: string): Promise<number | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Starting or recreating services needs a trusted workspace. Nothing was run.');
    return;
  }
  const target = await resolveServiceTarget(deps.documents, deps.files, uri, service);
  if (!target) return;
  const file = target.document.uri.fsPath;
  const state = await deps.inspector(file).inspect(file, deps.documents.modelFor(target.document));
  const svc = state.ok ? state.services.get(target.service) : undefined;
  if (svc?.stack) {
    // `up` would create Compose containers beside the stack's tasks, under a project of the same file.
    void vscode.window.showInformationMessage(
      `${target.service} is ${stackUpdateAdvice(svc.stack.stacks)} (docker stack deploy -c ${path.basename(file)} ${svc.stack.stacks[0]}). Nothing was run.`,
    );
    return;
  }
  // A service with no container yet joins the project the file's other services run in, which may have
  // been started with -p or another COMPOSE_PROJECT_NAME: started from the folder it would land elsewhere.
  const labelled = svc?.running[0]?.container ?? svc?.stopped[0] ?? (state.ok ? state.projectMember : undefined);
  const invocation: ComposeInvocation = labelled ? upFromLabels(labelled.labels, target.service, path.dirname(file)) : upForFile(file, target.service);
  const cli = await detectComposeCli();
  if (!cli) {
    void vscode.window.showErrorMessage(
      'Neither `docker compose` (the Docker CLI plugin) nor `docker-compose` was found on PATH. Install Docker Compose, then try again.',
    );
    return;
  }
  if (target.document.isDirty) {
    // Compose reads the file from disk: unsaved edits would not be applied.
    const save = await vscode.window.showWarningMessage(
      `${path.basename(file)} has unsaved changes, and Compose reads the file from disk.`,
      'Save and Continue',
    );
    if (!save || !(await target.document.save())) return;
  }
  const code = await runInTerminal({
    name: `${cli.label} up ${target.service}`,
    executable: cli.executable,
    args: [...cli.prefix, ...invocation.args],
    // The recorded working_dir may not exist here (Compose ran in a dev container or on another host).
    cwd: existsSync(invocation.cwd) ? invocation.cwd : path.dirname(file),
    icon: action === 'recreate' ? 'history' : 'play',
    env: deps.environment(file),
  });
  deps.onContainersChanged();
  if (code !== 0) {
    void vscode.window.showErrorMessage(
      `${cli.label} up -d ${target.service} did not succeed${code === undefined ? '' : ` (exit ${code})`}: its terminal shows why.`,
    );
  }
  return code;
}
