import { COMMAND, WORKBENCH_COMMAND } from '../commands/ids';
import { describeDrift } from '../core/probe/drift';
import type { ContainerHealth } from '../core/engine/types';
import { classifyProbe } from '../core/history/classify';
import type { LiveHealth } from '../core/probe/liveHealth';
import { lingeringText, type ProbeOutcome } from '../core/probe/runProbe';
import type { ComposeFileState, RunningContainer, ServiceState } from '../core/probe/serviceStates';
import type { ServiceRun } from './probeResults';

// Pure: what each CodeLens above a healthcheck says and does. Kept free of the vscode module so the
// wording is unit-tested in plain Node; codeLensProvider.ts turns these into vscode.CodeLens objects.


export interface LensSpec {
  title: string;
  tooltip?: string;
  /** Absent: a label that does nothing when clicked. */
  command?: string;
  /** Whether the command takes (document, service) arguments. */
  serviceArgs?: boolean;
}

export const UNTRUSTED_LENS: LensSpec = {
  title: '$(shield) Running probes needs a trusted workspace',
  tooltip: 'A probe runs the healthcheck inside a container. Trust this workspace to run probes; nothing runs until then.',
  command: WORKBENCH_COMMAND.manageTrust,
};

export interface ServiceLensInput {
  service: string;
  /** undefined while the engine has not been asked yet. */
  file: ComposeFileState | undefined;
  run: ServiceRun | undefined;
  live: (containerId: string) => LiveHealth | undefined;
  now: Date;
}

export function serviceLenses(input: ServiceLensInput): LensSpec[] {
  const { file } = input;
  if (file && !file.ok) {
    return [runLens(input.run, 1, false), { title: '$(warning) Docker not reachable', tooltip: file.message }];
  }
  const state = file?.services.get(input.service);
  if (!state) return [runLens(input.run, 1, false)];
  const lenses: LensSpec[] = [];
  const first = state.running[0];
  if (state.check.kind === 'nothing') {
    lenses.push({ title: `$(circle-slash) ${state.check.message}` });
  } else if (first && !first.plan.ok) {
    lenses.push({ title: `$(circle-slash) ${first.plan.message}` });
  } else {
    lenses.push(runLens(input.run, state.running.length, state.check.kind === 'image-command', first?.plan.ok ? first.plan.plan.argv : undefined));
    lenses.push(...(state.running.length === 0 ? [state.stack ? noLocalTaskLens(state.stack) : noContainerLens(state)] : containerLenses(state, input)));
    if (state.stack && state.running.length > 0 && state.stack.elsewhere.length > 0) lenses.push(elsewhereLens(state.stack.elsewhere));
  }
  if (notFoundFailure(state, input)) lenses.push(REPLACE_LENS);
  const drifted = state.running.filter((r) => r.drift.length > 0);
  if (drifted.length > 0) {
    const what = `${drifted.length > 1 ? `${drifted.length} containers run` : 'container runs'} an older healthcheck`;
    const why = `${drifted[0].container.name}: ${describeDrift(drifted[0].drift)}.`;
    // Compose's `up` would create Compose containers beside the stack's: a stack is updated by the docker CLI.
    lenses.push(
      state.stack
        ? { title: `$(history) ${what} · ${stackUpdateAdvice(state.stack.stacks)}`, tooltip: `${why} ${stackUpdateAdvice(state.stack.stacks)} to apply the file's healthcheck.` }
        : { title: `$(history) ${what} · Recreate`, tooltip: `${why} Recreating the service applies the file's healthcheck.`, command: COMMAND.recreateService, serviceArgs: true },
    );
  }
  return lenses;
}

/** `deployed as stack shop; update it with docker stack deploy`: what replaces Start and Recreate for a stack service. */
export function stackUpdateAdvice(stacks: readonly string[]): string {
  return `deployed as stack ${stacks.join(', ')}; update it with docker stack deploy`;
}

type StackPlacement = NonNullable<ServiceState['stack']>;

/** A stack service with no task container running on this engine's node: where its tasks are instead. */
function noLocalTaskLens(stack: StackPlacement): LensSpec {
  const update = `${capitalized(stackUpdateAdvice(stack.stacks))}.`;
  if (stack.elsewhere.length > 0) {
    return {
      title: `$(remote) ${tasksElsewhere(stack.elsewhere)}, none on this node`,
      tooltip: `${stack.elsewhere.map((t) => `${t.task} runs on ${t.node}`).join('; ')}. A probe runs only inside a task container on this engine's node; the others are seen from their own node's engine. ${update}`,
    };
  }
  if (stack.pending.length > 0) {
    return {
      title: `${stack.pending.some((t) => t.error) ? '$(warning)' : '$(sync)'} stack ${stack.stacks.join(', ')}: ${stack.pending.map((t) => `${t.task} ${t.state}`).join(', ')}`,
      tooltip: `${stack.pending.map((t) => (t.error ? `${t.task}: ${t.error}. ` : '')).join('')}Swarm has not started the task container yet (docker service ps shows why). ${update}`,
    };
  }
  return { title: `$(debug-disconnect) stack ${stack.stacks.join(', ')}: no task running`, tooltip: `Swarm wants no task of this service running. ${update}` };
}

/** Beside the lenses of this node's task containers: the tasks on other nodes, which are not probed here. */
function elsewhereLens(elsewhere: StackPlacement['elsewhere']): LensSpec {
  return {
    title: `$(remote) ${tasksElsewhere(elsewhere)}`,
    tooltip: `${elsewhere.map((t) => `${t.task} runs on ${t.node}`).join('; ')}: not probed from here (its container is on that node's engine).`,
  };
}

function tasksElsewhere(elsewhere: StackPlacement['elsewhere']): string {
  const nodes = [...new Set(elsewhere.map((t) => t.node))];
  return `${elsewhere.length} task${elsewhere.length > 1 ? 's' : ''} on ${nodes.length > 1 ? 'other nodes' : 'another node'} (${nodes.join(', ')})`;
}

function runLens(run: ServiceRun | undefined, containers: number, fromImage: boolean, argv?: string[]): LensSpec {
  if (run?.running) return { title: '$(sync~spin) Probing…', tooltip: 'Cancel from the progress notification.' };
  const where = containers > 1 ? ` in ${containers} containers` : '';
  return {
    title: `$(play) Run probe${where}${fromImage ? " · the image's command" : ''}`,
    tooltip: argv
      ? `Runs ${JSON.stringify(argv)} inside the container${fromImage ? " (the command comes from the image's HEALTHCHECK; this block only sets its timing)" : ''}, as Docker's health monitor would.`
      : 'Runs this healthcheck inside the service container, as Docker would.',
    command: COMMAND.runProbe,
    serviceArgs: true,
  };
}

function noContainerLens(state: ServiceState): LensSpec {
  const stopped = state.stopped.length;
  return {
    title: '$(debug-disconnect) no running container · Start service',
    tooltip: `${stopped > 0 ? `${stopped} container${stopped > 1 ? 's' : ''} not running (${[...new Set(state.stopped.map((c) => c.state))].join(', ')}). ` : ''}Probes only run inside a running container, never on this machine. Starts ${state.service} with Compose (up -d) in a terminal.`,
    command: COMMAND.startService,
    serviceArgs: true,
  };
}

function containerLenses(state: ServiceState, input: ServiceLensInput): LensSpec[] {
  const several = state.running.length > 1;
  return state.running.map(({ container, task }) => {
    const prefix = several ? `${container.name}: ` : '';
    const last = input.run?.runs.find((r) => r.containerId === container.id);
    if (last) {
      const spec = outcomeLens(last.outcome);
      return { ...spec, title: prefix + spec.title, command: COMMAND.showLog };
    }
    const live = liveOf({ container, task }, input);
    const why = live?.status === 'unhealthy' && live.lastProbe ? classifyProbe(live.lastProbe) : undefined;
    return { title: prefix + liveTitle(live, input.now), tooltip: `${container.name} (${container.id.slice(0, 12)})${why ? `: ${why.label} — ${why.advice}` : ''}` };
  });
}

/** `$(pass) exit 0 · 23 ms`, `$(error) exit 127 · sh: curl: not found`. */
export function outcomeLens(outcome: ProbeOutcome): LensSpec {
  switch (outcome.kind) {
    case 'result': {
      const ok = outcome.exitCode === 0;
      const detail = ok ? `${Math.round(outcome.durationMs)} ms` : firstLine(outcome.output) || `${Math.round(outcome.durationMs)} ms`;
      const reserved = outcome.exitCode === 2 ? ' (2 is reserved by Docker; use 1 for unhealthy)' : '';
      const why = classifyProbe(outcome);
      const advice = why && why.kind !== 'other' ? ` ${capitalized(why.label)}: ${why.advice}.` : '';
      return {
        title: `$(${ok ? 'pass' : 'error'}) exit ${outcome.exitCode} · ${detail}${lingeringMark(outcome.lingering)}`,
        tooltip: `${ok ? 'Healthy' : 'Unhealthy'}: exit ${outcome.exitCode}${reserved} after ${Math.round(outcome.durationMs)} ms.${advice}${lingeringNote(outcome.lingering)} Full output in the Compose Health log.`,
      };
    }
    case 'cancelled':
      return {
        title: `$(circle-slash) probe cancelled${lingeringMark(outcome.lingering)}`,
        tooltip: `Cancelled before the check finished; Docker records nothing for it.${lingeringNote(outcome.lingering)}`,
      };
    case 'error':
      return { title: `$(warning) ${shorten(outcome.message, 60)}`, tooltip: outcome.message };
  }
}

/** A stopped probe whose process may live on is marked in the title and explained in the tooltip. */
function lingeringMark(lingering: string | undefined): string {
  return lingering === undefined ? '' : ' · $(warning) may still be running';
}

function capitalized(text: string): string {
  return `${text[0].toUpperCase()}${text.slice(1)}`;
}

function lingeringNote(lingering: string | undefined): string {
  if (lingering === undefined) return '';
  const text = lingeringText(lingering);
  return ` Warning: ${text[0].toUpperCase()}${text.slice(1)}.`;
}

function liveTitle(live: LiveHealth | undefined, now: Date): string {
  if (!live || live.status === 'none') return '$(circle-outline) no health status yet';
  const icon = live.status === 'healthy' ? '$(pass)' : live.status === 'unhealthy' ? '$(error)' : '$(sync)';
  const ago = live.lastProbe ? ` · last probe ${humanAgo(now.getTime() - live.lastProbe.end.getTime())} ago` : '';
  // Why Docker's last probe failed, in a word (`connection refused`); `other` would only repeat the exit code.
  const why = live.status === 'unhealthy' && live.lastProbe ? classifyProbe(live.lastProbe) : undefined;
  return `${icon} ${live.status}${why && why.kind !== 'other' ? ` · ${why.label}` : ''}${ago}`;
}

/**
 * A running container's live health: the live source's (the health store follows Compose containers);
 * for a stack's task container, the Swarm model's, which its engine's health events keep current (it
 * has the status, not the probe log); else the inspect's.
 */
function liveOf(running: Pick<RunningContainer, 'container' | 'task'>, input: ServiceLensInput): LiveHealth | undefined {
  const live = input.live(running.container.id);
  if (live) return live;
  if (running.task && running.task.health !== 'remote') return { status: running.task.health };
  return fromInspect(running.container.health);
}

/** Health as read from an inspect result, for when no live source is wired. */
export function fromInspect(health: ContainerHealth | undefined): LiveHealth | undefined {
  if (!health) return undefined;
  const last = health.log[health.log.length - 1];
  return {
    status: health.status,
    lastProbe: last ? { end: new Date(last.end), exitCode: last.exitCode, output: last.output } : undefined,
  };
}

export function humanAgo(ms: number): string {
  const value = Math.max(0, ms);
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${Math.round(value / 1000)} s`;
  if (value < 3_600_000) return `${Math.round(value / 60_000)} min`;
  return `${Math.round(value / 3_600_000)} h`;
}

function firstLine(text: string): string {
  return shorten(text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '', 60);
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Above a service with a running container and no healthcheck (on its key). */
export const SUGGEST_LENS: LensSpec = {
  title: '$(lightbulb) Suggest a healthcheck',
  tooltip: 'Finds what this container can probe with (a shell, curl, wget, nc, its own client) and where it listens, tries checks inside it as Docker would, and offers one that passed.',
  command: COMMAND.suggestHealthcheck,
  serviceArgs: true,
};

/** Above a healthcheck whose program is not in the image. */
export const REPLACE_LENS: LensSpec = {
  title: '$(lightbulb) Replace with a check that works here',
  tooltip: "This healthcheck's program is not in the container. Tries checks that are, inside the running container as Docker would, and offers one that passed.",
  command: COMMAND.suggestHealthcheck,
  serviceArgs: true,
};

/**
 * Whether a probe failed because its program does not exist in the container. `CMD-SHELL`: the shell
 * says "not found" and exits 127 (POSIX `sh`: command not found). `CMD`: the exec cannot start, and
 * Docker's health monitor records exit -1 with the runtime's error text (moby daemon/health.go,
 * `exec: "curl": executable file not found in $PATH`); runProbe gives the same.
 */
export function isNotFound(exitCode: number, output: string): boolean {
  if (exitCode === 127) return true;
  return exitCode === -1 && /not found|no such file or directory/i.test(output);
}

/**
 * The service's last on-demand run (when there is one for a container) or else Docker's last probe of
 * it failed with "not found" in some running container.
 */
function notFoundFailure(state: ServiceState, input: ServiceLensInput): boolean {
  return state.running.some(({ container, task }) => {
    const run = input.run?.runs.find((r) => r.containerId === container.id);
    if (run) return run.outcome.kind === 'result' && isNotFound(run.outcome.exitCode, run.outcome.output);
    const last = liveOf({ container, task }, input)?.lastProbe;
    return last !== undefined && isNotFound(last.exitCode, last.output);
  });
}

/**
 * The lens on a service without a healthcheck: offered when one of its containers runs and none has a
 * health status of its own (an image's HEALTHCHECK gives one; its block is then what to edit).
 */
export function uncheckedServiceLenses(running: readonly { id: string }[], live: (containerId: string) => LiveHealth | undefined): LensSpec[] {
  if (running.length === 0) return [];
  if (running.some((c) => { const status = live(c.id)?.status; return status !== undefined && status !== 'none'; })) return [];
  return [SUGGEST_LENS];
}
