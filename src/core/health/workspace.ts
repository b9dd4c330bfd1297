import * as path from 'node:path';
import type { ComposeModel } from '../compose/model';
import type { ComposeLabels } from '../engine/types';
import type { WorkspaceComposeFile } from './model';

/**
 * Compose's default project name: the folder's name, lower-cased, keeping only [a-z0-9_-], leading
 * `_`/`-` trimmed (compose-go `loader.NormalizeProjectName`; docker-compose 1.29 differs only in not trimming).
 */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

/** Reduces a loaded compose file to what the health store needs. */
export function workspaceComposeFile(file: string, model: ComposeModel): WorkspaceComposeFile {
  return {
    file,
    projectName: model.name ? normalizeProjectName(model.name) : normalizeProjectName(path.basename(path.dirname(file))),
    services: model.services.map((s) => (s.healthcheck ? { name: s.name, keyRange: s.keyRange, healthcheckKeyRange: s.healthcheck.keyRange } : { name: s.name, keyRange: s.keyRange })),
  };
}

/** Whether `file` is `folder` or inside it (either separator, so Windows paths in labels work too). */
export function isInside(file: string, folder: string): boolean {
  const f = file.replace(/\\/g, '/');
  const d = folder.replace(/\\/g, '/').replace(/\/+$/, '');
  return f === d || f.startsWith(`${d}/`);
}

/** A project is the workspace's when Compose ran it from there: its working_dir or a config file is inside a folder. */
export function labelsPointInto(compose: ComposeLabels, folders: readonly string[]): boolean {
  return folders.some((folder) => (compose.workingDir !== undefined && isInside(compose.workingDir, folder)) || (compose.configFiles ?? []).some((f) => isInside(f, folder)));
}
