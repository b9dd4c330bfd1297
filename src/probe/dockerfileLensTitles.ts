import * as path from 'node:path';
import { COMMAND } from '../commands/ids';
import type { LabelledContainer } from '../core/engine/types';
import { composeReplacesCheck, type DockerfileLensTarget } from '../core/probe/dockerfileTargets';
import { outcomeLens } from './lensTitles';
import type { ServiceRun } from './probeResults';

// Pure: what the lenses on a Dockerfile HEALTHCHECK say and do (the Dockerfile counterpart of
// lensTitles.ts, with its wording for results). dockerfileLenses.ts turns these into vscode.CodeLens objects.

export interface DockerfileLensSpec {
  title: string;
  tooltip?: string;
  /** Absent: a label that does nothing when clicked. */
  command?: string;
  /** `composeHealth.runDockerfileProbe` takes (Dockerfile, offset of the HEALTHCHECK keyword). */
  probeArgs?: boolean;
  /** `composeHealth.startService` takes (compose file, service). */
  start?: { composeFile: string; service: string };
}

export interface DockerfileLensInput {
  target: DockerfileLensTarget;
  /** The Compose containers of each service of `target.services` (same order), or why the engine could not say. */
  containers: { ok: true; byService: readonly (readonly LabelledContainer[])[] } | { ok: false; message: string };
  /** The last probe of this HEALTHCHECK from its lens, if any since the last edit. */
  run: ServiceRun | undefined;
}

export function dockerfileLenses(input: DockerfileLensInput): DockerfileLensSpec[] {
  const { target } = input;
  if (target.check.kind === 'nothing') return [{ title: `$(circle-slash) ${target.check.message}` }];
  if (input.run?.running) return [{ title: '$(sync~spin) Probing…', tooltip: 'Cancel from the progress notification.' }];
  if (!input.containers.ok) return [runLens(input, 0), { title: '$(warning) Docker not reachable', tooltip: input.containers.message }];
  const byService = input.containers.byService;
  const running = byService.map((list) => list.filter((c) => c.state === 'running'));
  const total = running.reduce((n, list) => n + list.length, 0);
  if (total === 0) return [runLens(input, 0), ...target.services.map((s, i) => noContainerLens(s.service.name, s.composeFile, byService[i], target.services.length > 1))];
  const runs = input.run?.runs ?? [];
  const several = runs.length > 1;
  return [
    runLens(input, total, running),
    ...runs.map((run) => {
      const spec = outcomeLens(run.outcome);
      return { title: (several ? `${run.containerName}: ` : '') + spec.title, tooltip: spec.tooltip, command: COMMAND.showLog };
    }),
  ];
}

function runLens(input: DockerfileLensInput, total: number, running: readonly (readonly LabelledContainer[])[] = []): DockerfileLensSpec {
  const { target } = input;
  const withContainers = target.services.filter((_, i) => (running[i]?.length ?? 0) > 0);
  const where = withContainers.length > 1 ? ' · pick a service' : total > 1 ? ` in ${total} containers` : '';
  const test = target.check.kind === 'command' ? JSON.stringify(target.check.spec.test) : '';
  const replaced = target.services.filter((s) => composeReplacesCheck(s.service)).map((s) => `${s.service.name} (${path.basename(s.composeFile)})`);
  const replacedNote = replaced.length > 0 ? ` Note: the compose healthcheck's test replaces this one for ${replaced.join(', ')}, so Docker itself runs that one there.` : '';
  return {
    title: `$(play) Run probe${where}`,
    tooltip:
      `Runs this HEALTHCHECK as written here (${test}) inside a running container of ${target.services.map((s) => s.service.name).join(', ')}, ` +
      `as Docker's health monitor would (the container's shell, user and working directory; the compose timeout, else this one). Nothing runs on this machine.${replacedNote}`,
    command: COMMAND.runDockerfileProbe,
    probeArgs: true,
  };
}

function noContainerLens(service: string, composeFile: string, containers: readonly LabelledContainer[] | undefined, named: boolean): DockerfileLensSpec {
  const stopped = containers ?? [];
  const states = [...new Set(stopped.map((c) => c.state))].join(', ');
  return {
    title: `$(debug-disconnect) no running container${named ? ` of ${service}` : ''} · Start ${service}`,
    tooltip:
      `${stopped.length > 0 ? `${stopped.length} container${stopped.length > 1 ? 's' : ''} of ${service} not running (${states}). ` : ''}` +
      `Probes only run inside a running container, never on this machine. Starts ${service} with Compose (up -d, from ${path.basename(composeFile)}) in a terminal; Compose builds its image first when there is none.`,
    command: COMMAND.startService,
    start: { composeFile, service },
  };
}
