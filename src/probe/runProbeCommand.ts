import * as vscode from 'vscode';
import type { EngineId } from '../core/health/model';
import type { ProbeEngine } from '../core/probe/engine';
import { runProbe, timeoutFromProcessStart, timeoutIncludesOutput } from '../core/probe/runProbe';
import type { ProbeQueue } from '../core/probe/probeQueue';
import type { ServiceInspector } from '../core/probe/serviceStates';
import type { ComposeFiles } from '../compose/composeFiles';
import type { ComposeDocumentService } from '../compose/documents';
import { COMMAND } from '../commands/ids';
import type { ProbeDiagnostics } from './probeDiagnostics';
import { formatProbeLog } from './probeLog';
import type { ContainerRun, ProbeResults } from './probeResults';
import { stackUpdateAdvice } from './lensTitles';
import { resolveServiceTarget } from './serviceTarget';
import { explainUntrusted } from './untrusted';

export interface RunProbeDeps {
  documents: ComposeDocumentService;
  files: Pick<ComposeFiles, 'isComposeDocument'>;
  engine: (file: string, engineId?: EngineId) => ProbeEngine;
  /** The engines the file's project runs on: with several, the user picks one. */
  enginesOf: (file: string) => Array<{ id: EngineId; label: string }>;
  inspector: (file: string, engineId?: EngineId) => ServiceInspector;
  queue: (file: string, engineId?: EngineId) => ProbeQueue;
  results: ProbeResults;
  diagnostics: ProbeDiagnostics;
  log: vscode.LogOutputChannel;
}

/**
 * `composeHealth.runProbe`: runs the service's healthcheck, as the editor holds it now, in each of its
 * running containers (never on this machine), with a cancellable progress notification.
 */
export async function runProbeCommand(deps: RunProbeDeps, uri?: vscode.Uri, service?: string): Promise<void> {
  if (!vscode.workspace.isTrusted) return explainUntrusted();
  const target = await resolveServiceTarget(deps.documents, deps.files, uri, service);
  if (!target) return;
  const { document } = target;
  const key = document.uri.toString();
  const version = document.version;
  const model = deps.documents.modelFor(document);
  const entry = model.services.find((s) => s.name === target.service);
  if (!entry?.healthcheck) {
    void vscode.window.showInformationMessage(`Service ${target.service} has no healthcheck: block in ${vscode.workspace.asRelativePath(document.uri)} any more.`);
    return;
  }
  const file = document.uri.fsPath;
  let engineId: EngineId | undefined;
  const engines = deps.enginesOf(file);
  if (engines.length > 1) {
    const picked = await vscode.window.showQuickPick(
      engines.map((e) => ({ label: e.label, description: e.id, id: e.id })),
      { title: `Run Probe: ${target.service}`, placeHolder: `${vscode.workspace.asRelativePath(document.uri)} runs on ${engines.length} engines: probe the containers of which one?` },
    );
    if (!picked) return;
    engineId = picked.id;
  }
  deps.diagnostics.clearFailures(document.uri);
  deps.results.start(key, target.service);
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Probing ${target.service}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const state = await deps.inspector(file, engineId).inspect(file, model, abort.signal);
        if (abort.signal.aborted) return;
        if (!state.ok) {
          void vscode.window.showErrorMessage(state.message);
          return;
        }
        const svc = state.services.get(target.service)!;
        if (svc.check.kind === 'nothing') {
          void vscode.window.showInformationMessage(`${target.service}: ${svc.check.message}. Nothing was run.`);
          return;
        }
        if (svc.running.length === 0 && svc.stack) {
          const { elsewhere, pending, stacks } = svc.stack;
          const where = elsewhere.length > 0 ? ` Its tasks run on ${[...new Set(elsewhere.map((t) => t.node))].join(', ')}; a probe runs only inside a task container on this engine's node.` : pending.length > 0 ? ` Its task is ${pending.map((t) => `${t.task} ${t.state}`).join(', ')}.` : '';
          void vscode.window.showWarningMessage(`No task container of ${target.service} runs on this node.${where} It is ${stackUpdateAdvice(stacks)}.`);
          return;
        }
        if (svc.running.length === 0) {
          void vscode.window
            .showWarningMessage(`No running container for ${target.service}. A probe only runs inside the service's container, never on this machine.`, 'Start Service')
            .then((start) => (start ? vscode.commands.executeCommand(COMMAND.startService, document.uri, target.service) : undefined));
          return;
        }
        const engineTimeout = { timeoutIncludesOutput: timeoutIncludesOutput(state.apiVersion), timeoutFromProcessStart: timeoutFromProcessStart(state.apiVersion) };
        const runs = await Promise.all(
          svc.running.map(async ({ container, plan, task }): Promise<ContainerRun> => {
            if (!plan.ok) {
              return { containerId: container.id, containerName: container.name, argv: [], outcome: { kind: 'error', message: plan.message } };
            }
            const outcome = await runProbe(deps.engine(file, engineId), container.id, plan.plan, {
              signal: abort.signal,
              ...engineTimeout,
              flavor: state.flavor,
              swarmTask: task !== undefined,
              queue: deps.queue(file, engineId),
              onWaiting: () => progress.report({ message: `waiting for the probe already running in ${container.name}` }),
            });
            const run: ContainerRun = { containerId: container.id, containerName: container.name, argv: plan.plan.argv, outcome };
            const line = formatProbeLog(target.service, run, plan.plan.fromImage);
            if (outcome.kind === 'result' && outcome.exitCode === 0) deps.log.info(line);
            else deps.log.warn(line);
            // Results belong to the text that was probed; an edit meanwhile makes them stale.
            if (document.version === version) deps.results.add(key, target.service, run);
            return run;
          }),
        );
        if (document.version === version) deps.diagnostics.setFailures(document, entry, runs);
      },
    );
  } finally {
    deps.results.finish(key, target.service);
  }
}
