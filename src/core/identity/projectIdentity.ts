import * as path from 'node:path';
import type { ComposeModel } from '../compose/model';
import { comparable, isInside } from './labels';

/**
 * Which Compose project a workspace compose file belongs to. One rule for every view (the Services
 * tree, the status bar, the view badge and the probe lenses), in two steps:
 * 1. Labels first: a project whose containers' `config_files` (resolved against `working_dir`, see
 *    `resolveConfigFiles`) name this file, or a file it is merged over (the base of an override file,
 *    an earlier `COMPOSE_FILE` entry), is the file's, whatever name it was started under (`-p`,
 *    `COMPOSE_PROJECT_NAME`, `name:`) and whichever Compose wrote the labels.
 * 2. Otherwise the name Compose would compute for the file (`composeProjectName`). `-p` cannot be known
 *    from a file, which is why step 1 comes first.
 */

/** What the rule needs to know about a compose file, read from the file and its environment. */
export interface FileIdentity {
  /** Absolute path. */
  file: string;
  /** The name Compose would give its project (`composeProjectName`). */
  projectName: string;
  /** The files it is merged over (absolute; alternatives included): a run of its project names them too. */
  baseFiles: readonly string[];
}

/** A project on the engine, as its containers' labels describe it. */
export interface LabelledProject {
  project: string;
  /** Absolute paths (`resolveConfigFiles`). */
  configFiles?: readonly string[];
}

/**
 * Compose's project name normalisation: lower case, only [a-z0-9_-], leading `_`/`-` trimmed
 * (compose-go `loader.NormalizeProjectName`; docker-compose 1.29 differs only in not trimming).
 */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

/**
 * The project name Compose computes for a file when no `-p` is given, in its order (docker/compose
 * `cmd/compose/compose.go` `toProjectName`, then compose-go `loader.projectName`; docker-compose 1.29
 * `cli/command.py` `get_project_name`, which knows no `name:`): `COMPOSE_PROJECT_NAME` from the
 * environment, then from the `.env` beside the file; the top-level `name:` (interpolated; an override
 * file inherits its base's); the folder's name. Normalised.
 */
export function composeProjectName(file: string, model: Pick<ComposeModel, 'name' | 'projectNameFromEnvironment'>): string {
  return normalizeProjectName(model.projectNameFromEnvironment || model.name || path.basename(path.dirname(file)));
}

/** The rule's input for a file, from its shared parse. */
export function fileIdentity(file: string, model: Pick<ComposeModel, 'name' | 'projectNameFromEnvironment' | 'baseFiles'>): FileIdentity {
  return { file, projectName: composeProjectName(file, model), baseFiles: model.baseFiles ?? [] };
}

/**
 * The projects a file belongs to: every project on the engine made from it (normally one; the same
 * file started twice under two names is two projects), else the one Compose would name for it.
 */
export function projectsOfFile(identity: FileIdentity, projects: Iterable<LabelledProject>): string[] {
  return new ProjectIndex(projects).projectsOf(identity);
}

/**
 * `projectsOfFile` for many files against one set of projects: the projects are indexed by the files
 * they were made from once, so each file is a few map lookups (the Services view asks for every
 * workspace file on each redraw: 300 files × 100 projects compared path by path took 50 ms a time).
 */
export class ProjectIndex {
  private readonly byConfigFile = new Map<string, Set<string>>();

  constructor(projects: Iterable<LabelledProject>) {
    for (const p of projects) {
      for (const file of p.configFiles ?? []) {
        const key = comparable(file);
        let names = this.byConfigFile.get(key);
        if (!names) this.byConfigFile.set(key, (names = new Set()));
        names.add(p.project);
      }
    }
  }

  projectsOf(identity: FileIdentity): string[] {
    for (const files of [[identity.file], identity.baseFiles]) {
      const named = new Set(files.flatMap((f) => [...(this.byConfigFile.get(comparable(f)) ?? [])]));
      if (named.size > 0) return [...named].sort();
    }
    return [identity.projectName];
  }
}

/** A project on the engine is the workspace's when Compose ran it from there: its working_dir or a config file is inside a folder. */
export function labelsPointInto(labels: { workingDir?: string; configFiles?: readonly string[] }, folders: readonly string[]): boolean {
  return folders.some((folder) => (labels.workingDir !== undefined && isInside(labels.workingDir, folder)) || (labels.configFiles ?? []).some((f) => isInside(f, folder)));
}
