import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMAND } from '../commands/ids';
import { EngineNotFoundError, engineUnreachableMessage } from '../core/engine/errors';
import type { EngineFlavor, LabelledContainer } from '../core/engine/types';
import { COMPOSE_LABELS } from '../core/identity/labels';
import { composeTiming, containersOfService, targetAt, type BuildingService, type DockerfileLensTarget } from '../core/probe/dockerfileTargets';
import type { ProbeEngine } from '../core/probe/engine';
import { planProbe } from '../core/probe/plan';
import type { ProbeQueue } from '../core/probe/probeQueue';
import { runProbe, timeoutFromProcessStart, timeoutIncludesOutput } from '../core/probe/runProbe';
import { dockerfileResultKey } from './dockerfileLenses';
import { dockerfileTargets, type DockerfileTargetDeps } from './dockerfileProbeTargets';
import { formatProbeLog } from './probeLog';
import type { ContainerRun, ProbeResults } from './probeResults';
import { explainUntrusted } from './untrusted';

export interface RunDockerfileProbeDeps extends DockerfileTargetDeps {
  /** The engine a compose file's project runs on (composeHealth.engines). */
  engine: (composeFile: string) => ProbeEngine;
  queue: (composeFile: string) => ProbeQueue;
  results: ProbeResults;
  log: vscode.LogOutputChannel;
}

/**
 * `composeHealth.runDockerfileProbe`: runs a Dockerfile HEALTHCHECK, as the editor holds it now, inside
 * each running container of a compose service built from the Dockerfile (picked when several are), with
 * the compose lens's runner (core/probe/runProbe.ts): the container's shell, user and working directory,
 * the timeout Docker would apply, never on this machine. The lens passes (Dockerfile, offset of the
 * HEALTHCHECK keyword); from the Command Palette it is the HEALTHCHECK under the cursor, else the only one.
 */
export async function runDockerfileProbe(deps: RunDockerfileProbeDeps, uri?: vscode.Uri, offset?: number): Promise<void> {
  if (!vscode.workspace.isTrusted) return explainUntrusted();
  const picked = await pickTarget(deps, uri, offset);
  if (!picked) return;
  const { document, target } = picked;
  if (target.check.kind === 'nothing') {
    void vscode.window.showInformationMessage(`${target.check.message}. Nothing was run.`);
    return;
  }
  const spec = target.check.spec;
  const building = await pickService(target.services);
  if (!building) return;
  const service = building.service.name;
  const key = document.uri.toString();
  const resultKey = dockerfileResultKey(target.instruction.keyword.start);
  const version = document.version;
  const line = document.positionAt(target.instruction.keyword.start).line + 1;
  const label = `${service} (${path.basename(document.uri.fsPath)} HEALTHCHECK, line ${line})`;
  deps.results.start(key, resultKey);
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Probing ${service}`, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const engine = deps.engine(building.composeFile);
      let found: { apiVersion: string; flavor: EngineFlavor; running: LabelledContainer[] };
      try {
        const { apiVersion, flavor } = await engine.version();
        const all = await engine.listContainers([COMPOSE_LABELS.service], abort.signal);
        found = { apiVersion, flavor, running: containersOfService(all, building).filter((c) => c.state === 'running') };
      } catch (error) {
        if (!abort.signal.aborted) void vscode.window.showErrorMessage(engineUnreachableMessage(error));
        return;
      }
      if (abort.signal.aborted) return;
      const { apiVersion, flavor, running } = found;
      if (running.length === 0) {
        void vscode.window
          .showWarningMessage(`No running container for ${service}. A probe only runs inside the service's container, never on this machine.`, 'Start Service')
          .then((start) => (start ? vscode.commands.executeCommand(COMMAND.startService, vscode.Uri.file(building.composeFile), service) : undefined));
        return;
      }
      const engineTimeout = { timeoutIncludesOutput: timeoutIncludesOutput(apiVersion), timeoutFromProcessStart: timeoutFromProcessStart(apiVersion) };
      await Promise.all(
        running.map(async (summary) => {
          let run: ContainerRun;
          try {
            const container = await engine.inspectContainer(summary.id, abort.signal);
            // The compose file's timing over the HEALTHCHECK's, as Docker merges them (composeTiming).
            const plan = planProbe(composeTiming(building.service), container, spec);
            if (!plan.ok) {
              run = { containerId: container.id, containerName: container.name, argv: [], outcome: { kind: 'error', message: plan.message } };
            } else {
              const outcome = await runProbe(engine, container.id, plan.plan, {
                signal: abort.signal,
                ...engineTimeout,
                flavor,
                queue: deps.queue(building.composeFile),
                onWaiting: () => progress.report({ message: `waiting for the probe already running in ${container.name}` }),
              });
              run = { containerId: container.id, containerName: container.name, argv: plan.plan.argv, outcome };
            }
          } catch (error) {
            const message = error instanceof EngineNotFoundError ? `Container ${summary.name} was removed, so nothing ran. Start the service and run the probe again.` : engineUnreachableMessage(error);
            run = { containerId: summary.id, containerName: summary.name, argv: [], outcome: { kind: 'error', message } };
          }
          const entry = formatProbeLog(label, run, false);
          if (run.outcome.kind === 'result' && run.outcome.exitCode === 0) deps.log.info(entry);
          else deps.log.warn(entry);
          // Results belong to the text that was probed; an edit meanwhile makes them stale.
          if (document.version === version) deps.results.add(key, resultKey, run);
        }),
      );
    });
  } finally {
    deps.results.finish(key, resultKey);
  }
}

/** The Dockerfile and HEALTHCHECK a run acts on: the lens's, else the one under the cursor in the active editor, else the only one. */
async function pickTarget(deps: RunDockerfileProbeDeps, uri?: vscode.Uri, offset?: number): Promise<{ document: vscode.TextDocument; target: DockerfileLensTarget } | undefined> {
  const fromLens = uri instanceof vscode.Uri && typeof offset === 'number';
  const editor = vscode.window.activeTextEditor;
  // openTextDocument returns the open editor's document: unsaved edits included.
  const document = fromLens ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document || !deps.files.isDockerfileDocument(document)) {
    void vscode.window.showInformationMessage('Open a Dockerfile and put the cursor on a HEALTHCHECK that a compose service builds, then run the command again.');
    return undefined;
  }
  const targets = await dockerfileTargets(deps, document);
  let target: DockerfileLensTarget | undefined;
  if (fromLens) {
    target = targetAt(targets, offset);
  } else {
    const cursor = document.offsetAt(editor!.selection.active);
    target = targets.find((t) => t.instruction.range.start <= cursor && cursor <= t.instruction.range.end) ?? (targets.length === 1 ? targets[0] : undefined);
  }
  if (!target) {
    void vscode.window.showInformationMessage(
      `No HEALTHCHECK here ends up in an image a compose service of the workspace builds (its build: names this Dockerfile, and its target or last stage has this HEALTHCHECK last). Nothing was run.`,
    );
    return undefined;
  }
  return { document, target };
}

/** The service to probe: the only one, else the user's pick. */
async function pickService(services: readonly BuildingService[]): Promise<BuildingService | undefined> {
  if (services.length === 1) return services[0];
  const picked = await vscode.window.showQuickPick(
    services.map((s) => ({ label: s.service.name, description: vscode.workspace.asRelativePath(s.composeFile), building: s })),
    { placeHolder: 'Which service built from this Dockerfile?' },
  );
  return picked?.building;
}
