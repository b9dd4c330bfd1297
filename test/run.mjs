// Runs the test tiers in order and prints one summary line per tier, then a total.
//   node test/run.mjs                 every tier: unit, engine, host, e2e
//   node test/run.mjs unit engine     only those tiers
// Set TEST_GREP to run only the tests whose title matches.
// Outside CI a tier whose prerequisites cannot be installed here is reported as skipped, with the
// reason; with CI=true that is a failure, never a silent skip.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const CI = process.env.CI === 'true';

function mochaTier(dir) {
  return () =>
    new Promise((resolve) => {
      let result;
      const child = fork(path.join(root, 'test/support/mochaTier.mjs'), [dir, process.env.TEST_GREP ?? ''].filter(Boolean), {
        stdio: 'inherit',
      });
      child.on('message', (m) => (result = m));
      child.on('exit', (code) => resolve(result ?? { passed: 0, failed: 1, error: `mocha exited with ${code}` }));
    });
}

const tiers = {
  unit: { run: mochaTier('out/test/unit') },
  engine: {
    prepare: async () => (await import('./support/engine.mjs')).ensureEngine(),
    run: mochaTier('out/test/engine'),
  },
  host: {
    // Host suites may talk to the Engine too (the live tree, probes).
    prepare: async () => {
      await (await import('./support/engine.mjs')).ensureEngine();
      await (await import('./support/codeServer.mjs')).ensureCodeServer();
    },
    run: async () => (await import('./support/host.mjs')).runHostTier(),
  },
  // Through a user's eyes: plain-node mocha tests that drive code-server's workbench with Playwright.
  e2e: {
    prepare: async () => {
      await (await import('./support/engine.mjs')).ensureEngine({ compose: true });
      await (await import('./support/codeServer.mjs')).ensureCodeServer();
    },
    run: mochaTier('out/test/e2e'),
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((t) => !(t in tiers));
if (unknown.length) {
  console.error(`Unknown tier ${unknown.join(', ')}; the tiers are ${Object.keys(tiers).join(', ')}.`);
  process.exit(2);
}
const selected = wanted.length ? wanted : Object.keys(tiers);
const summary = [];
for (const name of selected) {
  const tier = tiers[name];
  const started = Date.now();
  console.log(`\n=== ${name} tier ===`);
  let result;
  try {
    await tier.prepare?.();
    result = await tier.run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    result = CI || !error?.cannotRun ? { passed: 0, failed: 1, error: reason } : { passed: 0, failed: 0, skippedTier: reason };
  }
  result.seconds = (Date.now() - started) / 1000;
  summary.push({ name, ...result });
}

console.log('\n=== summary ===');
let passed = 0;
let failed = 0;
// Every skip is named: a skipped test by its title (e.g. the corpus checks in a clone without ../shared),
// a skipped tier by its reason; each counts once in the total.
const skips = [];
for (const t of summary) {
  passed += t.passed;
  failed += t.failed;
  const extra = t.skippedTier ? ` — SKIPPED: ${t.skippedTier}` : t.error ? ` — ${t.error}` : '';
  console.log(`${t.name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped ?? 0} skipped in ${t.seconds.toFixed(1)} s${extra}`);
  for (const title of t.skippedTitles ?? []) console.log(`  skipped: ${title}`);
  if (t.skippedTier) skips.push(`the ${t.name} tier`);
  skips.push(...(t.skippedTitles ?? []));
}
// The last line stays 'N passed, N failed', followed by ', N skipped' when anything was skipped.
console.log(`${passed} passed, ${failed} failed${skips.length ? `, ${skips.length} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
