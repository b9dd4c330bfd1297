import { COMPOSE_LABELS, resolveConfigFiles } from '../identity/labels';
import { projectsOfFile, type FileIdentity, type LabelledProject } from '../identity/projectIdentity';
import type { LabelledContainer } from '../engine/types';
import type { ProbeEngine } from './engine';

/**
 * The containers of a compose file's project, as the tree decides it (`projectsOfFile`: the project its
 * labels say was made from the file, else the name Compose would give it), in container-number order.
 * The name fallback keeps containers found when Compose ran from another path (a dev container, a
 * remote engine). A container of that project made from a sibling file counts too: `docker compose ps`
 * and `up` in that folder treat it as the project's.
 */
export function projectContainers(containers: LabelledContainer[], file: FileIdentity): LabelledContainer[] {
  const labelled = containers.map((c): LabelledProject => ({ project: c.labels[COMPOSE_LABELS.project] ?? '', configFiles: configFilesOf(c) }));
  const projects = new Set(projectsOfFile(file, labelled));
  return sortByNumber(containers.filter((c) => projects.has(c.labels[COMPOSE_LABELS.project] ?? '')));
}

/** The compose files a container was made from, as absolute paths (`resolveConfigFiles`). */
export function configFilesOf(container: { labels: Record<string, string> }): string[] {
  return resolveConfigFiles(container.labels[COMPOSE_LABELS.configFiles], container.labels[COMPOSE_LABELS.workingDir]);
}

function sortByNumber(list: LabelledContainer[]): LabelledContainer[] {
  const n = (c: LabelledContainer): number => Number(c.labels[COMPOSE_LABELS.containerNumber] ?? 0);
  return [...list].sort((a, b) => n(a) - n(b) || a.name.localeCompare(b.name));
}


/** Finds a compose file's containers through the engine, one list call per question. */
export class ContainerLocator {
  constructor(private readonly engine: Pick<ProbeEngine, 'listContainers'>) {}

  /** Every container of the file's project (running or not): every Compose-made container, matched here. */
  async find(file: FileIdentity, signal?: AbortSignal): Promise<LabelledContainer[]> {
    return projectContainers(await this.engine.listContainers([COMPOSE_LABELS.service], signal), file);
  }
}
