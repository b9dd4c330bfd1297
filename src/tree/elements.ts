/**
 * What the Services view holds: small keys into the health store. VS Code tracks elements by object
 * identity, so each is created once per id and reused (stable `id`s also keep expansion and `reveal`).
 */
export type TreeElement = EngineElement | ProjectElement | ServiceElement | ContainerElement | ProbeElement;

/** The single item shown while the engine is unreachable or being connected to. */
export interface EngineElement {
  kind: 'engine';
  id: string;
}

export interface ProjectElement {
  kind: 'project';
  id: string;
  project: string;
}

export interface ServiceElement {
  kind: 'service';
  id: string;
  project: string;
  service: string;
}

export interface ContainerElement {
  kind: 'container';
  id: string;
  containerId: string;
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

export class ElementCache {
  private readonly elements = new Map<string, TreeElement>();

  readonly engine: EngineElement = { kind: 'engine', id: 'engine' };

  project(project: string): ProjectElement {
    return this.get(`project:${project}`, (id) => ({ kind: 'project', id, project }));
  }

  service(project: string, service: string): ServiceElement {
    return this.get(`service:${project}/${service}`, (id) => ({ kind: 'service', id, project, service }));
  }

  container(containerId: string, project: string, service: string): ContainerElement {
    return this.get(`container:${containerId}`, (id) => ({ kind: 'container', id, containerId, project, service }));
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
