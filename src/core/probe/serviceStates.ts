import type { ComposeModel } from '../compose/model';
import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import { EngineNotFoundError, engineUnreachableMessage } from '../engine/errors';
import type { EngineFlavor, InspectedContainer, LabelledContainer } from '../engine/types';
import { healthcheckDrift, type DriftField } from './drift';
import type { ProbeEngine } from './engine';
import { COMPOSE_LABELS, samePath } from '../identity/labels';
import { fileIdentity } from '../identity/projectIdentity';
import { ContainerLocator, configFilesOf, projectContainers } from './locator';
import { classifyFileCheck, planProbe, type FileCheck, type PlanResult } from './plan';
import { stackServiceTasks, stacksOfFile, type StackServiceTasks } from '../swarm/stackOfFile';
import type { SwarmModel, SwarmTask } from '../swarm/types';

/** A running container of a service, with what a probe there would run and how it drifted. */
export interface RunningContainer {
  container: InspectedContainer;
  plan: PlanResult;
  /** Empty when the container already runs the file's healthcheck. */
  drift: DriftField[];
  /** The Swarm task whose container this is, when the service is deployed as a stack (see `ServiceState.stack`). */
  task?: SwarmTask;
}

export interface ServiceState {
  service: string;
  /** The file's healthcheck as written now. */
  spec: HealthcheckSpec;
  check: FileCheck;
  running: RunningContainer[];
  /** Containers of the service that exist but do not run (their labels still say how to start them). */
  stopped: LabelledContainer[];
  /**
   * Set when the service has no Compose container on this engine but the file is deployed there as a
   * Swarm stack: `running` then holds the task containers on this engine's node, and this says which
   * stacks and where the other tasks are. Compose's `up` must not act on such a service.
   */
  stack?: Omit<StackServiceTasks, 'local'>;
}

export type ComposeFileState =
  | {
      ok: true;
      apiVersion: string;
      flavor: EngineFlavor;
      services: Map<string, ServiceState>;
      /** The Compose projects whose containers these are, and the one Compose would name for the file: what a redraw depends on. */
      projects: string[];
      /** A container Compose made from this file, any service: its labels say how the project was started (`-p`, files, env file). */
      projectMember?: LabelledContainer;
    }
  | { ok: false; message: string };

/**
 * Answers "what runs for each healthcheck of this file right now": one container list for the file,
 * one inspect per running container, and one image inspect per image (cached: an image id names
 * immutable content). The engine's version comes from the client, which asks `GET /version` once per
 * connection (`DockerodeEngineClient.version`); the probe capability builds a new inspector, with its
 * image cache, when the connection changes.
 *
 * The lenses redraw on every health change, so they pass the containers the health store already lists
 * (`known`): then nothing is listed, and a running container's inspect is reused from the last time it
 * was seen. What the plan and the drift read from it — `Config.Healthcheck`, `User`, `WorkingDir`,
 * `Shell`, the image id — is fixed when the engine creates the container (moby daemon/create.go; a
 * changed healthcheck takes `compose up` recreating it under a new id), so a redraw costs no request
 * once each container was inspected. Commands (run, start, recreate) pass nothing and always ask the
 * engine: they act on what is there this moment.
 */
export class ServiceInspector {
  private readonly locator: ContainerLocator;
  private readonly imageChecks = new Map<string, Promise<HealthcheckSpec | undefined>>();
  /** The last inspect of each container, by id: dropped once the container is gone from `known`. */
  private readonly inspections = new Map<string, Promise<InspectedContainer>>();

  /**
   * `swarm`: the live Swarm model of the same engine when it manages a swarm (read, never requested):
   * a service the file deploys as a stack has its task containers as members.
   */
  constructor(
    private readonly engine: ProbeEngine,
    private readonly swarm: () => SwarmModel | undefined = () => undefined,
  ) {
    this.locator = new ContainerLocator(engine);
  }

  /**
   * `known`: every Compose container (running or not) as a live source lists it now, when it can; the
   * engine is then asked only about a running container not inspected before.
   *
   * A service without a Compose container here whose file was deployed as a stack on this engine's swarm
   * (`stacksOfFile`) has the task containers on this node instead: inspected, planned and drifted the same
   * way (swarmkit creates each from the service spec docker/cli converted the file's healthcheck into,
   * `cli/compose/convert/service.go`), taken from the Swarm model without a list request.
   */
  async inspect(composeFile: string, model: ComposeModel, signal?: AbortSignal, known?: readonly LabelledContainer[]): Promise<ComposeFileState> {
    const file = fileIdentity(composeFile, model);
    const withChecks = model.services.filter((s) => s.healthcheck);
    const swarm = withChecks.length === 0 ? undefined : this.swarm();
    const stacks = swarm ? stacksOfFile(model.services.map((s) => s.name), swarm) : [];
    if (known) this.forgetAllBut([...known.map((c) => c.id), ...stacks.flatMap((s) => s.services.flatMap((v) => v.tasks.map((t) => t.containerId ?? '')))]);
    try {
      const { apiVersion, flavor } = await this.engine.version();
      const members = withChecks.length === 0 ? [] : known ? projectContainers([...known], file) : await this.locator.find(file, signal);
      const services = new Map<string, ServiceState>();
      await Promise.all(
        withChecks.map(async (entry) => {
          const spec = entry.healthcheck!.spec;
          const containers = members.filter((c) => c.labels[COMPOSE_LABELS.service] === entry.name);
          const deployed = containers.length === 0 && swarm ? stackServiceTasks(swarm, stacks, entry.name) : undefined;
          const candidates = deployed ? deployed.local : containers.filter((c) => c.state === 'running').map((container) => ({ container, task: undefined }));
          const running = await Promise.all(candidates.map((c) => this.describeRunning(c.container, spec, apiVersion, known !== undefined, signal, c.task)));
          const state: ServiceState = {
            service: entry.name,
            spec,
            check: classifyFileCheck(spec),
            running: running.filter((r): r is RunningContainer => r !== undefined),
            stopped: containers.filter((c) => c.state !== 'running'),
          };
          if (deployed) state.stack = { stacks: deployed.stacks, pending: deployed.pending, elsewhere: deployed.elsewhere };
          services.set(entry.name, state);
        }),
      );
      const member = members.find((c) => configFilesOf(c).some((f) => samePath(f, composeFile)));
      const projects = [...new Set([file.projectName, ...members.map((c) => c.labels[COMPOSE_LABELS.project] ?? '')])];
      return member ? { ok: true, apiVersion, flavor, services, projects, projectMember: member } : { ok: true, apiVersion, flavor, services, projects };
    } catch (error) {
      return { ok: false, message: engineUnreachableMessage(error) };
    }
  }

  private async describeRunning(
    summary: LabelledContainer,
    spec: HealthcheckSpec,
    apiVersion: string,
    reuse: boolean,
    signal?: AbortSignal,
    task?: SwarmTask,
  ): Promise<RunningContainer | undefined> {
    let container: InspectedContainer;
    try {
      container = await this.inspectContainer(summary.id, reuse, signal);
    } catch (error) {
      // Removed between the list and the inspect: it simply is not running any more.
      if (error instanceof EngineNotFoundError) return undefined;
      throw error;
    }
    // A reused inspect is older than the list: its name (`docker rename`) and state are the list's.
    if (reuse) container = { ...container, name: summary.name, running: true, paused: false };
    const image = await this.imageCheck(container.imageId);
    const described: RunningContainer = {
      container,
      plan: planProbe(spec, container, image),
      drift: healthcheckDrift(spec, container.healthcheck, image, apiVersion),
    };
    if (task) described.task = task;
    return described;
  }

  private inspectContainer(id: string, reuse: boolean, signal?: AbortSignal): Promise<InspectedContainer> {
    const cached = reuse ? this.inspections.get(id) : undefined;
    if (cached) return cached;
    // A redraw cancelled meanwhile does not abort an inspect the next redraw would reuse.
    const asked = this.engine.inspectContainer(id, reuse ? undefined : signal);
    this.inspections.set(id, asked);
    // A failed inspect is not remembered: the next redraw asks again.
    void asked.catch(() => {
      if (this.inspections.get(id) === asked) this.inspections.delete(id);
    });
    return asked;
  }

  /** Drops the inspects of containers no longer listed (removed; a recreated one has a new id). */
  private forgetAllBut(ids: readonly string[]): void {
    if (this.inspections.size === 0) return;
    const listed = new Set(ids);
    for (const id of this.inspections.keys()) if (!listed.has(id)) this.inspections.delete(id);
  }

  private imageCheck(imageId: string): Promise<HealthcheckSpec | undefined> {
    let cached = this.imageChecks.get(imageId);
    if (!cached) {
      cached = this.engine.imageHealthcheck(imageId).catch((error: unknown) => {
        this.imageChecks.delete(imageId);
        if (error instanceof EngineNotFoundError) return undefined;
        throw error;
      });
      this.imageChecks.set(imageId, cached);
    }
    return cached;
  }
}

/**
 * The running containers of each service the file writes no healthcheck for, from a list a live source
 * already holds (`known`): the lens on such a service costs the engine no request per redraw.
 */
export function runningWithoutCheck(composeFile: string, model: ComposeModel, known: readonly LabelledContainer[]): Map<string, LabelledContainer[]> {
  const unchecked = model.services.filter((s) => !s.healthcheck);
  const found = new Map<string, LabelledContainer[]>();
  if (unchecked.length === 0) return found;
  const members = projectContainers([...known], fileIdentity(composeFile, model));
  for (const entry of unchecked) {
    const running = members.filter((c) => c.labels[COMPOSE_LABELS.service] === entry.name && c.state === 'running');
    if (running.length > 0) found.set(entry.name, running);
  }
  return found;
}
