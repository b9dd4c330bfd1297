import { COMPOSE_LABELS, resolveConfigFiles } from '../identity/labels';
import { projectsOfFile, type FileIdentity, type LabelledProject } from '../identity/projectIdentity';
import type { ContainerSummary, ProbeEngine } from './engine';

/** Which service of which compose file the containers are wanted for. */
export interface ServiceTarget {
  /** The compose file and what decides its project (`fileIdentity`). */
  file: FileIdentity;
  service: string;
}

/**
 * Picks the service's containers that belong to this compose file: those of the file's project as the
 * tree decides it (`projectsOfFile`: the project its labels say was made from the file, else the name
 * Compose would give it), in container-number order. The name fallback keeps containers found when
 * Compose ran from another path (a dev container, a remote engine). A container of that project made
 * from a sibling file counts too: `docker compose ps` and `up` in that folder treat it as the service's.
 */
export function matchServiceContainers(containers: ContainerSummary[], target: ServiceTarget): ContainerSummary[] {
  const labelled = containers.map((c): LabelledProject => ({ project: c.labels[COMPOSE_LABELS.project] ?? '', configFiles: configFilesOf(c) }));
  const projects = new Set(projectsOfFile(target.file, labelled));
  return sortByNumber(containers.filter((c) => c.labels[COMPOSE_LABELS.service] === target.service && projects.has(c.labels[COMPOSE_LABELS.project] ?? '')));
}

/** The compose files a container was made from, as absolute paths (`resolveConfigFiles`). */
export function configFilesOf(container: { labels: Record<string, string> }): string[] {
  return resolveConfigFiles(container.labels[COMPOSE_LABELS.configFiles], container.labels[COMPOSE_LABELS.workingDir]);
}

function sortByNumber(list: ContainerSummary[]): ContainerSummary[] {
  const n = (c: ContainerSummary): number => Number(c.labels[COMPOSE_LABELS.containerNumber] ?? 0);
  return [...list].sort((a, b) => n(a) - n(b) || a.name.localeCompare(b.name));
}

/** Finds a compose file's service containers through the engine, one list call per question. */
export class ContainerLocator {
  constructor(private readonly engine: Pick<ProbeEngine, 'listContainers'>) {}

  /** Every container of these services (running or not), grouped by service name. */
  async find(targets: ServiceTarget[], signal?: AbortSignal): Promise<Map<string, ContainerSummary[]>> {
    const found = new Map<string, ContainerSummary[]>();
    if (targets.length === 0) return found;
    // One call for the whole file: every Compose-made container, matched locally per service.
    const all = await this.engine.listContainers([COMPOSE_LABELS.service], signal);
    for (const target of targets) found.set(target.service, matchServiceContainers(all, target));
    return found;
  }
}
