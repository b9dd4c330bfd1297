import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const REPOSITORY = path.resolve(__dirname, '../../../..');

/**
 * The shared corpus of real compose files: `shared/corpus/compose` beside the clone, looked up from the
 * repository root upwards so a worktree nested one level deeper finds it too. It is other projects'
 * files, kept outside the repository with its manifest, so a clone of the repository alone has none.
 */
function findCorpus(): string | undefined {
  for (let dir = REPOSITORY; ; dir = path.dirname(dir)) {
    const candidate = path.join(path.dirname(dir), 'shared', 'corpus', 'compose');
    if (existsSync(path.join(candidate, 'MANIFEST.md'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The corpus folder for the tests registered in the calling `describe`, or undefined when it is missing:
 * then `what` is registered once instead, as a skipped test whose title says what is missing and why —
 * or, under CI=true (where the corpus is checked out beside the clone), as a failing test.
 */
export function corpusOrSkip(what: string): string | undefined {
  const dir = findCorpus();
  if (dir) return dir;
  const missing =
    `there is no shared/corpus/compose beside ${REPOSITORY} or a folder above it ` +
    '(the corpus of real compose files is other projects\' files, kept outside the repository)';
  if (process.env.CI === 'true') {
    it(`${what}: the shared compose corpus is there (CI checks it)`, () => {
      assert.fail(`The compose corpus is missing: ${missing}. Check out the shared folder next to the clone.`);
    });
  } else {
    it.skip(`${what}: needs the shared compose corpus, and ${missing}`);
  }
  return undefined;
}

export function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}
