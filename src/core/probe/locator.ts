import * as path from 'node:path';
import type { ContainerSummary, ProbeEngine } from './engine';

/** The Compose labels every container of a project carries (docker/compose `pkg/api/labels.go`). */
export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  environmentFile: 'com.docker.compose.project.environment_file',
  containerNumber: 'com.docker.compose.container-number',
} as const;

/** Which service of which compose file the containers are wanted for. */
export interface ServiceTarget {
  /** Absolute path of the compose file. */
  composeFile: string;
  /** The project name Compose would use for that file (`composeProjectName`). */
  projectName: string;
  service: string;
}

/**
 * The project name Compose derives when no `-p` is given: `COMPOSE_PROJECT_NAME`, else the top-level
 * `name:`, else the directory's name, normalised (compose-go `NormalizeProjectName`: lower case, only
 * a-z 0-9 _ -, no leading _ or -).
 */
export function composeProjectName(composeFile: string, topLevelName: string | undefined, env: Record<string, string | undefined>): string {
  const chosen = env.COMPOSE_PROJECT_NAME || topLevelName || path.basename(path.dirname(composeFile));
  return chosen.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}

/**
 * Picks the service's containers that belong to this compose file. Strongest evidence first: the
 * file is among the project's `config_files`; failing that, the project name matches and the
 * containers were not demonstrably made from another file in the same folder (a file next to this
 * one, e.g. compose.prod.yaml, with the same service name). The name fallback keeps containers found
 * when Compose ran from another path (a dev container, a remote engine).
 */
export function matchServiceContainers(containers: ContainerSummary[], target: ServiceTarget): ContainerSummary[] {
  const ofService = containers.filter((c) => c.labels[COMPOSE_LABELS.service] === target.service);
  const byFile = ofService.filter((c) => configFilesOf(c).some((f) => samePath(f, target.composeFile)));
  if (byFile.length > 0) return sortByNumber(byFile);
  const folder = path.dirname(target.composeFile);
  const byName = ofService.filter(
    (c) =>
      c.labels[COMPOSE_LABELS.project] === target.projectName &&
      !configFilesOf(c).some((f) => samePath(path.dirname(f), folder)),
  );
  return sortByNumber(byName);
}

/**
 * The compose files a container was made from, as absolute paths: Compose v2 records absolute paths,
 * docker-compose v1 records them relative to the project's working_dir (`compose.yaml`).
 */
export function configFilesOf(container: { labels: Record<string, string> }): string[] {
  const raw = container.labels[COMPOSE_LABELS.configFiles];
  const workingDir = container.labels[COMPOSE_LABELS.workingDir];
  const files = raw ? raw.split(',').filter((f) => f !== '') : [];
  return workingDir ? files.map((f) => path.resolve(workingDir, f)) : files;
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
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
