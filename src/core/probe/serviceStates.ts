import type { ComposeModel } from '../compose/model';
import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import { EngineNotFoundError } from '../engine/errors';
import type { EngineFlavor, InspectedContainer, LabelledContainer } from '../engine/types';
import { healthcheckDrift, type DriftField } from './drift';
import type { ProbeEngine } from './engine';
import { COMPOSE_LABELS, samePath } from '../identity/labels';
import { fileIdentity } from '../identity/projectIdentity';
import { ContainerLocator, configFilesOf } from './locator';
import { classifyFileCheck, planProbe, type FileCheck, type PlanResult } from './plan';

/** A running container of a service, with what a probe there would run and how it drifted. */
export interface RunningContainer {
  container: InspectedContainer;
  plan: PlanResult;
  /** Empty when the container already runs the file's healthcheck. */
  drift: DriftField[];
}

export interface ServiceState {
  service: string;
  /** The file's healthcheck as written now. */
  spec: HealthcheckSpec;
  check: FileCheck;
  running: RunningContainer[];
  /** Containers of the service that exist but do not run (their labels still say how to start them). */
  stopped: LabelledContainer[];
}

export type ComposeFileState =
  | {
      ok: true;
      apiVersion: string;
      flavor: EngineFlavor;
      services: Map<string, ServiceState>;
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
 */
export class ServiceInspector {
  private readonly locator: ContainerLocator;
  private readonly imageChecks = new Map<string, Promise<HealthcheckSpec | undefined>>();

  constructor(private readonly engine: ProbeEngine) {
    this.locator = new ContainerLocator(engine);
  }

  async inspect(composeFile: string, model: ComposeModel, signal?: AbortSignal): Promise<ComposeFileState> {
    const file = fileIdentity(composeFile, model);
    const withChecks = model.services.filter((s) => s.healthcheck);
    try {
      const { apiVersion, flavor } = await this.engine.version();
      const members = withChecks.length > 0 ? await this.locator.find(file, signal) : [];
      const services = new Map<string, ServiceState>();
      await Promise.all(
        withChecks.map(async (entry) => {
          const spec = entry.healthcheck!.spec;
          const containers = members.filter((c) => c.labels[COMPOSE_LABELS.service] === entry.name);
          const running = await Promise.all(
            containers.filter((c) => c.state === 'running').map((c) => this.describeRunning(c.id, spec, apiVersion, signal)),
          );
          services.set(entry.name, {
            service: entry.name,
            spec,
            check: classifyFileCheck(spec),
            running: running.filter((r): r is RunningContainer => r !== undefined),
            stopped: containers.filter((c) => c.state !== 'running'),
          });
        }),
      );
      const member = members.find((c) => configFilesOf(c).some((f) => samePath(f, composeFile)));
      return member ? { ok: true, apiVersion, flavor, services, projectMember: member } : { ok: true, apiVersion, flavor, services };
    } catch (error) {
      return { ok: false, message: unreachableMessage(error) };
    }
  }

  private async describeRunning(id: string, spec: HealthcheckSpec, apiVersion: string, signal?: AbortSignal): Promise<RunningContainer | undefined> {
    let container: InspectedContainer;
    try {
      container = await this.engine.inspectContainer(id, signal);
    } catch (error) {
      // Removed between the list and the inspect: it simply is not running any more.
      if (error instanceof EngineNotFoundError) return undefined;
      throw error;
    }
    const image = await this.imageCheck(container.imageId);
    return {
      container,
      plan: planProbe(spec, container, image),
      drift: healthcheckDrift(spec, container.healthcheck, image, apiVersion),
    };
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

function unreachableMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `Docker is not reachable (${detail.trim()}). Start Docker, or point DOCKER_HOST at the engine, then try again.`;
}
