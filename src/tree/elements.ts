import { serviceKey, type EngineId } from '../core/health/model';

/**
 * What the Services view holds: small keys into the health store. VS Code tracks elements by object
 * identity, so each is created once per id and reused (stable `id`s also keep expansion and `reveal`).
 */
export type TreeElement = EngineElement | ProjectElement | ServiceElement | ContainerElement | ProbeElement | StackElement | SwarmServiceElement | TaskElement;

/**
 * An engine's row: with one engine, the first row (and the only one while it is not connected); with
 * several, the top-level row its projects hang under.
 */
export interface EngineElement {
  kind: 'engine';
  id: string;
  engineId: EngineId;
}

export interface ProjectElement {
  kind: 'project';
  id: string;
  engineId: EngineId;
  project: string;
}

export interface ServiceElement {
  kind: 'service';
  id: string;
  /** Absent in a row made outside the tree (a notification's, the timeline's): the first engine that has the service. */
  engineId?: EngineId;
  project: string;
  service: string;
}

export interface ContainerElement {
  kind: 'container';
  id: string;
  containerId: string;
  engineId: EngineId;
  project: string;
  service: string;
}

/** One entry of a container's health log. */
export interface ProbeElement {
  kind: 'probe';
  id: string;
  containerId: string;
  /** The probe's start time as the engine wrote it: unique within a container's log. */
  start: string;
}

/** A Swarm stack of an engine that manages a swarm (`name` undefined: services made without a stack). */
export interface StackElement {
  kind: 'stack';
  id: string;
  engineId: EngineId;
  stack: string | undefined;
}

/** A Swarm service, by its ID (a service re-created under the same name is a new row). */
export interface SwarmServiceElement {
  kind: 'swarmService';
  id: string;
  engineId: EngineId;
  stack: string | undefined;
  serviceId: string;
}

/** A service's current task of one slot (or node, for a global service). */
export interface TaskElement {
  kind: 'task';
  id: string;
  engineId: EngineId;
  stack: string | undefined;
  serviceId: string;
  taskId: string;
}

export function projectElementId(engineId: EngineId, project: string): string {
  return `project:${engineId}\0${project}`;
}

export class ElementCache {
  private readonly elements = new Map<string, TreeElement>();

  engine(engineId: EngineId): EngineElement {
    return this.get(`engine:${engineId}`, (id) => ({ kind: 'engine', id, engineId }));
  }

  project(engineId: EngineId, project: string): ProjectElement {
    return this.get(projectElementId(engineId, project), (id) => ({ kind: 'project', id, engineId, project }));
  }

  service(engineId: EngineId, project: string, service: string): ServiceElement {
    return this.get(`service:${serviceKey(engineId, project, service)}`, (id) => ({ kind: 'service', id, engineId, project, service }));
  }

  container(containerId: string, engineId: EngineId, project: string, service: string): ContainerElement {
    return this.get(`container:${containerId}`, (id) => ({ kind: 'container', id, containerId, engineId, project, service }));
  }

  stack(engineId: EngineId, stack: string | undefined): StackElement {
    return this.get(`stack:${engineId}\0${stack ?? ''}`, (id) => ({ kind: 'stack', id, engineId, stack }));
  }

  swarmService(engineId: EngineId, stack: string | undefined, serviceId: string): SwarmServiceElement {
    return this.get(`swarmService:${engineId}\0${serviceId}`, (id) => ({ kind: 'swarmService', id, engineId, stack, serviceId }));
  }

  task(engineId: EngineId, stack: string | undefined, serviceId: string, taskId: string): TaskElement {
    return this.get(`task:${engineId}\0${taskId}`, (id) => ({ kind: 'task', id, engineId, stack, serviceId, taskId }));
  }

  probe(containerId: string, start: string): ProbeElement {
    return this.get(`probe:${containerId}/${start}`, (id) => ({ kind: 'probe', id, containerId, start }));
  }

  /** The cached element for an id, if the tree has shown it. */
  find(id: string): TreeElement | undefined {
    return this.elements.get(id);
  }

  /** Forgets a container's probe entries that are no longer in its log (the engine keeps only 5). */
  pruneProbes(containerId: string, keep: ReadonlySet<string>): void {
    const prefix = `probe:${containerId}/`;
    for (const id of this.elements.keys()) if (id.startsWith(prefix) && !keep.has(id)) this.elements.delete(id);
  }

  /** Forgets the elements `keep` rejects (after a structural change), so the cache stays as big as the tree. */
  retain(keep: (element: TreeElement) => boolean): void {
    for (const [id, element] of this.elements) if (!keep(element)) this.elements.delete(id);
  }

  get size(): number {
    return this.elements.size;
  }

  private get<E extends TreeElement>(id: string, make: (id: string) => E): E {
    let element = this.elements.get(id) as E | undefined;
    if (!element) this.elements.set(id, (element = make(id)));
    return element;
  }
}
