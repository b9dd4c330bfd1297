import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The shared corpus of real compose files: `shared/corpus/compose` beside the clone (CI), looked up from the
 * repository root upwards so a worktree nested one level deeper finds it too.
 */
export function corpusDir(): string {
  const root = path.resolve(__dirname, '../../../..');
  for (let dir = root; ; dir = path.dirname(dir)) {
    const candidate = path.join(path.dirname(dir), 'shared', 'corpus', 'compose');
    if (existsSync(path.join(candidate, 'MANIFEST.md'))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`The compose corpus is missing: expected ../shared/corpus/compose beside the repository (${root}). Check out the shared folder next to the clone.`);
}

export function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}
