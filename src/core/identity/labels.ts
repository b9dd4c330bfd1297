import * as path from 'node:path';

/** The Compose labels every container of a project carries (docker/compose `pkg/api/labels.go`). */
export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  configFiles: 'com.docker.compose.project.config_files',
  workingDir: 'com.docker.compose.project.working_dir',
  environmentFile: 'com.docker.compose.project.environment_file',
  containerNumber: 'com.docker.compose.container-number',
  oneOff: 'com.docker.compose.oneoff',
} as const;

const WINDOWS_PATH = /^(?:[A-Za-z]:[\\/]|\\\\)/;

/**
 * The compose files a project was made from, as absolute paths. Compose v2 writes the `config_files`
 * label as absolute paths joined by commas; docker-compose 1.29 writes them as found or given, relative
 * to `working_dir` (seen here: `docker compose -p x up` → `/w/app/compose.yaml,/w/app/compose.override.yaml`,
 * docker-compose 1.29.2 → `compose.yaml,compose.override.yaml`, and with `-f compose.yaml` → `compose.yaml`).
 * Resolving against `working_dir` gives one answer for both. A Windows client's paths are resolved as
 * Windows paths wherever this runs.
 */
export function resolveConfigFiles(raw: string | undefined, workingDir: string | undefined): string[] {
  const files = raw ? raw.split(',').filter((f) => f !== '') : [];
  if (!workingDir) return files;
  const resolve = WINDOWS_PATH.test(workingDir) ? path.win32.resolve : path.posix.resolve;
  return files.map((f) => resolve(workingDir, f));
}

/** The same file, whichever separator or drive-letter case a label or the editor wrote it with. */
export function samePath(a: string, b: string): boolean {
  return comparable(a) === comparable(b);
}

/** The form in which two paths of one file are equal (`samePath`), for keys of a map. */
export function comparable(file: string): string {
  const slashes = file.replace(/\\/g, '/').replace(/^([A-Za-z]):/, (_, drive: string) => `${drive.toLowerCase()}:`);
  return path.posix.normalize(slashes).replace(/(.)\/+$/, '$1');
}

/** Whether `file` is `folder` or inside it (either separator, so Windows paths in labels work too). */
export function isInside(file: string, folder: string): boolean {
  const f = comparable(file);
  const d = comparable(folder);
  return f === d || f.startsWith(d.endsWith('/') ? d : `${d}/`);
}
