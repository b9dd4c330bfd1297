import { globToRegExp } from '../compose/files';

/**
 * Whether the user named a compose file as one deployed with `docker stack deploy` (the
 * `composeHealth.swarm.stackFiles` globs), which turns on the `stack-*` diagnostics (LintContext.stack):
 * plain Compose users must never see them, and a `deploy:` section alone does not tell (docker compose
 * reads it too: resources, replicas). `path` is relative to the workspace folder (or absolute outside
 * one); a glob matches as in `composeHealth.files`: one with a `/` against the path, one without against
 * the file name.
 */
export function isStackFile(path: string, stackGlobs: readonly string[]): boolean {
  const normalized = path.replace(/\\/g, '/');
  const name = normalized.slice(normalized.lastIndexOf('/') + 1);
  return stackGlobs.some((glob) => {
    const trimmed = glob.trim();
    if (trimmed === '') return false;
    return trimmed.includes('/') ? globToRegExp(trimmed.replace(/^\.\//, '')).test(normalized.replace(/^\/+/, '')) : globToRegExp(trimmed).test(name);
  });
}
