/**
 * Which files are Dockerfiles by their name: `Dockerfile` and `Containerfile` (what `docker build` and
 * `podman build` look for), their variants `Dockerfile.<x>` / `Containerfile.<x>`, and `<x>.Dockerfile`,
 * `<x>.dockerfile`, `<x>.containerfile` (the VS Code Docker extension's names). The compose-file policy
 * (src/compose/selector.ts) asks here.
 */
const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:\.[^/\\]+)?|[^/\\]+\.(?:Dockerfile|dockerfile|containerfile|Containerfile))$/;

/** The names as one glob, for `workspace.findFiles` and the file watchers. */
export const DOCKERFILE_GLOB = '**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile,*.dockerfile,*.containerfile}';

/** True when the last segment of `path` (with `/` or `\`) is a Dockerfile's name. */
export function isDockerfileName(path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  return DOCKERFILE_NAME.test(normalized.slice(normalized.lastIndexOf('/') + 1));
}
