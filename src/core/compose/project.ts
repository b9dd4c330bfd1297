import * as path from 'node:path';
import type { Lookup } from './interpolate';

/**
 * The files a compose file is merged over, in order, when it is not a project on its own:
 * - `COMPOSE_FILE` (separated by `COMPOSE_PATH_SEPARATOR`, else the platform's path list separator, as
 *   docker compose does) lists this file after others: those come first;
 * - `<name>.override.<ext>` is merged over `<name>.yaml` / `<name>.yml` (docker compose's default pair).
 * Paths are resolved against the directory of the file. Each item lists alternatives: the first that
 * can be read is the one merged.
 */
export function baseFilesOf(fileName: string, lookup: Lookup): string[][] {
  if (!fileName) return [];
  const dir = path.dirname(fileName);
  const composeFile = lookup('COMPOSE_FILE');
  if (composeFile) {
    const separator = lookup('COMPOSE_PATH_SEPARATOR') || path.delimiter;
    const listed = composeFile.split(separator).filter(Boolean).map((f) => path.resolve(dir, f));
    const at = listed.indexOf(path.resolve(fileName));
    if (at > 0) return listed.slice(0, at).map((f) => [f]);
    if (at === 0) return [];
  }
  const match = /^(.*)\.override\.(ya?ml)$/i.exec(path.basename(fileName));
  if (!match) return [];
  const [, stem, ext] = match;
  const other = ext.toLowerCase() === 'yml' ? 'yaml' : 'yml';
  return [[path.join(dir, `${stem}.${ext}`), path.join(dir, `${stem}.${other}`)]];
}

export function dotEnvPathOf(fileName: string): string | undefined {
  return fileName ? path.join(path.dirname(fileName), '.env') : undefined;
}

export function resolveBeside(fileName: string, relative: string): string {
  return path.resolve(path.dirname(fileName || '.'), relative);
}

/** `relative` resolved inside `folder` (an absolute `relative` stays as it is). */
export function resolveIn(folder: string, relative: string): string {
  return path.resolve(folder, relative);
}
