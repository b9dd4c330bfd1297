/**
 * Which files are Dockerfiles by their name: `Dockerfile` and `Containerfile` (what `docker build` and
 * `podman build` look for), their variants `Dockerfile.<x>` / `Containerfile.<x>`, and `<x>.Dockerfile`,
 * `<x>.dockerfile`, `<x>.containerfile` (the VS Code Docker extension's names). The compose-file policy
 * (src/compose/selector.ts) asks here.
 */
const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:\.[^/\\]+)?|[^/\\]+\.(?:Dockerfile|dockerfile|containerfile|Containerfile))$/;

/** The names as one glob, for `workspace.findFiles` and the file watchers. */
export const DOCKERFILE_GLOB = '**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile,*.dockerfile,*.containerfile}';

/**
 * Files beside a Dockerfile that share its name but are not Dockerfiles: BuildKit reads
 * `<Dockerfile>.dockerignore` as that Dockerfile's ignore file; notes and scripts are common too.
 */
const NOT_A_DOCKERFILE = /\.(dockerignore|md|txt|json|ya?ml|sh|orig|bak|swp)$/i;

/** True when the last segment of `path` (with `/` or `\`) is a Dockerfile's name. */
export function isDockerfileName(path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  const name = normalized.slice(normalized.lastIndexOf('/') + 1);
  return DOCKERFILE_NAME.test(name) && !NOT_A_DOCKERFILE.test(name);
}
