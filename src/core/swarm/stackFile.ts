import type { ComposeAnalysis } from '../compose/analyze';
import { globToRegExp } from '../compose/files';

/**
 * Whether the user named a compose file as one deployed with `docker stack deploy` (the
 * `composeHealth.swarm.stackFiles` globs), which turns on the `stack-*` diagnostics (LintContext.stack):
 * plain Compose users must never see them (see also `deploysToSwarm`). `path` is relative to the workspace folder (or absolute outside
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

/**
 * The other way a file counts as a stack file: it has a `deploy:` section and the engine it is checked
 * for is in Swarm mode. `deploy:` alone is not enough (docker compose reads it too: replicas, resources).
 */
export function deploysToSwarm(analysis: ComposeAnalysis, engineInSwarm: boolean | undefined): boolean {
  return engineInSwarm === true && analysis.services.some((service) => (service.entries.get('deploy')?.value ?? null) !== null);
}
