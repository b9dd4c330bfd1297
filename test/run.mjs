// Runs the test tiers in order and prints one summary line per tier, then a total.
//   node test/run.mjs                 every tier: lint, unit, engine, podman (engine tests on Podman 4.3), host, e2e
//   node test/run.mjs unit engine     only those tiers
// Set TEST_GREP to run only the tests whose title matches. The engine tier runs twice: on the system's
// Engine (20.10) and on Engine 26 (test/support/engine26.mjs); then its remote tests run once over TLS and
// ssh (test/support/remoteEngines.mjs). Compose-dependent tests use Compose v2
// unless COMPOSE_HEALTH_TEST_COMPOSE=v1 (test/support/compose.mjs).
// Outside CI a tier whose prerequisites cannot be installed here is reported as skipped, with the
// reason; with CI=true that is a failure, never a silent skip.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeEnv } from './support/compose.mjs';
import { ensureEngine } from './support/engine.mjs';
import { engine26TestEnv, ensureComposeV2, ensureEngine26 } from './support/engine26.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const CI = process.env.CI === 'true';

/**
 * A mocha run over `dir` in a child process; `exclude` names sub-folders another pass runs, `env` is
 * added to the child's environment (e.g. DOCKER_HOST of the engine under test).
 */
function mochaTier(dir, { exclude = [], env = {} } = {}) {
  return () =>
    new Promise((resolve) => {
      let result;
      const args = [dir, ...exclude.flatMap((sub) => ['--exclude', sub])];
      const child = fork(path.join(root, 'test/support/mochaTier.mjs'), args, { stdio: 'inherit', env: { ...process.env, ...env } });
      child.on('message', (m) => (result = m));
      child.on('exit', (code) => resolve(result ?? { passed: 0, failed: 1, error: `mocha exited with ${code}` }));
    });
}

/**
 * The engine tests, run once per Docker Engine; test/engine/podman is not a Docker test (its own pass runs
 * it), and test/engine/remote runs once, in the pass that starts the TLS and ssh engines.
 */
const dockerEngineTests = (env = {}) => mochaTier('out/test/engine', { exclude: ['podman', 'remote'], env });

/** The TLS and ssh engines (test/support/remoteEngines.mjs), started by the pass that tests them and stopped after it. */
let remoteEngines;
async function startRemoteEngines() {
  remoteEngines = await (await import('./support/remoteEngines.mjs')).startRemoteEngines();
}
async function stopRemoteEngines() {
  await remoteEngines?.stop();
  remoteEngines = undefined;
}
/** The system's Engine, Compose 1.29 and v2: what every tier that runs Compose needs. */
async function ensureEngineAndCompose() {
  await ensureEngine({ compose: true });
  await ensureComposeV2();
}

/**
 * ESLint over src and test (eslint.config.mjs: the layer boundaries and no floating promises), counted as
 * one check: passed when no file has a problem, failed otherwise (the problems printed in ESLint's usual
 * format). It needs no build: the type-aware rules read the TypeScript sources.
 */
async function lintPass() {
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(['src', 'test']);
  const failing = results.filter((r) => r.errorCount + r.warningCount + r.fatalErrorCount > 0);
  if (failing.length) console.log(await (await eslint.loadFormatter('stylish')).format(failing));
  else console.log(`ESLint: ${results.length} files, no problems`);
  return failing.length ? { passed: 0, failed: 1 } : { passed: 1, failed: 0 };
}

// A tier is one pass or several (the engine tier: one per engine); each pass prints its own summary line.
const tiers = {
  lint: [{ name: 'lint', run: lintPass }],
  unit: [{ name: 'unit', run: mochaTier('out/test/unit') }],
  engine: [
    {
      // The system's Engine (DOCKER_HOST or /var/run/docker.sock): Debian 12's 20.10 where test support starts it.
      name: 'engine (Engine 20.10)',
      prepare: ensureEngineAndCompose,
      run: dockerEngineTests(),
    },
    { name: 'engine (Engine 26)', prepare: ensureEngine26, run: dockerEngineTests(engine26TestEnv()) },
    {
      // Our client over tcp:// with verified TLS and over ssh://, to engines on 127.0.0.1 (remoteEngines.mjs).
      name: 'engine (TLS and ssh)',
      prepare: startRemoteEngines,
      run: () => mochaTier('out/test/engine/remote', { env: remoteEngines.env })(),
      finish: stopRemoteEngines,
    },
  ],
  // The engine tests of the Podman flavour, against Podman 4.3's Docker-compatible socket.
  podman: [
    {
      name: 'engine (Podman 4.3)',
      prepare: async () => {
        process.env.COMPOSE_HEALTH_PODMAN_HOST = await (await import('./support/podman.mjs')).ensurePodman();
      },
      run: mochaTier('out/test/engine/podman'),
    },
  ],
  host: [
    {
      name: 'host',
      // Host suites may talk to the Engine too (the live tree, probes) and run Compose (Start service);
      // the several-engines suite also to Engine 26.
      prepare: async () => {
        await ensureEngineAndCompose();
        await ensureEngine26();
        await (await import('./support/codeServer.mjs')).ensureCodeServer();
      },
      run: async () => (await import('./support/host.mjs')).runHostTier(),
    },
  ],
  // Through a user's eyes: plain-node mocha tests that drive code-server's workbench with Playwright.
  e2e: [
    {
      name: 'e2e',
      prepare: async () => {
        await ensureEngineAndCompose();
        await (await import('./support/codeServer.mjs')).ensureCodeServer();
      },
      run: mochaTier('out/test/e2e'),
    },
  ],
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((t) => !(t in tiers));
if (unknown.length) {
  console.error(`Unknown tier ${unknown.join(', ')}; the tiers are ${Object.keys(tiers).join(', ')}.`);
  process.exit(2);
}
const selected = wanted.length ? wanted : Object.keys(tiers);
// Every pass (and what it starts: code-server, Compose in a terminal) sees the chosen Compose.
Object.assign(process.env, composeEnv());
const summary = [];
for (const pass of selected.flatMap((name) => tiers[name])) {
  const started = Date.now();
  console.log(`\n=== ${pass.name} ===`);
  let result;
  try {
    await pass.prepare?.();
    result = await pass.run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    result = CI || !error?.cannotRun ? { passed: 0, failed: 1, error: reason } : { passed: 0, failed: 0, skippedTier: reason };
  } finally {
    // What the pass started for itself (e.g. the TLS and ssh engines) ends with it.
    await pass.finish?.();
  }
  result.seconds = (Date.now() - started) / 1000;
  summary.push({ name: pass.name, ...result });
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
  for (const title of t.failedTitles ?? []) console.log(`  FAILED: ${title}`);
  for (const title of t.flakyTitles ?? []) console.log(`  FLAKY (failed, then passed when its suite ran again): ${title}`);
  if (t.skippedTier) skips.push(`the ${t.name} tier`);
  skips.push(...(t.skippedTitles ?? []));
}
// The last line stays 'N passed, N failed', followed by ', N skipped' when anything was skipped.
console.log(`${passed} passed, ${failed} failed${skips.length ? `, ${skips.length} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
