// `npm start`: the extension on the example stack in one command.
//   1. builds the extension (esbuild → dist/);
//   2. makes sure a Docker Engine answers (installing/starting a local dockerd where it can) and the
//      example's local BusyBox images exist (tagged, so `up` never pulls);
//   3. brings examples/agent-stack up as Compose project "agent-stack" (`docker compose` when the Docker
//      CLI has the v2 plugin, else `docker-compose`, the extension's own choice);
//   4. opens it with the extension loaded and its compose.yaml in the editor (the lenses and the Problems
//      entry are what the demo shows): desktop `code --extensionDevelopmentPath` when `code` is on
//      the PATH, otherwise the offline code-server in the browser, printing the URL; code-server keeps
//      running until Ctrl-C.
// `npm run demo:down` (this script with --down) takes the stack down.
// Environment: COMPOSE_HEALTH_PORT (default: a free port; code-server listens on 127.0.0.1 only, as it
// runs with --auth none: from another machine, forward the port over ssh), COMPOSE_HEALTH_BROWSER=
// code-server to use code-server even when `code` exists.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { composeArgv } from './compose.mjs';
import { ensureEngine, tagBusyboxImage } from './engine.mjs';
import { startCodeServer, workbenchUrl } from './host.mjs';
import { commandExists, repoRoot, run, say, secondsSince } from './system.mjs';

export const EXAMPLE_DIR = path.join(repoRoot, 'examples/agent-stack');
export const EXAMPLE_FILE = path.join(EXAMPLE_DIR, 'compose.yaml');
export const EXAMPLE_PROJECT = 'agent-stack';

/**
 * The local images the example names (compose-health/…), all tags of the offline BusyBox image; a
 * service's image that Compose builds (`build:`, from that image) is left to the build.
 */
export function exampleImages(file = EXAMPLE_FILE) {
  const services = parse(readFileSync(file, 'utf8')).services ?? {};
  return [...new Set(Object.values(services).filter((service) => !service.build).map((service) => service.image))].filter((image) =>
    image?.startsWith('compose-health/'),
  );
}

/**
 * The Compose to run: the one the tests chose (COMPOSE_HEALTH_TEST_COMPOSE, test/support/compose.mjs),
 * else the one the extension would pick (src/core/probe/composeCli.ts): `docker compose` (v2) when the
 * Docker CLI has the plugin, else `docker-compose` (1.29, Debian 12's).
 */
export function composeCommand() {
  if (process.env.COMPOSE_HEALTH_TEST_COMPOSE) return composeArgv();
  const plugin = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0;
  return plugin ? composeArgv('v2') : composeArgv('v1');
}

/**
 * `compose -p <project> -f <file> <args…>`; `env` adds variables the compose file interpolates.
 * `quiet`: keep Compose's progress output, and show it only when the command fails.
 */
export function compose(project, args, { env = {}, file = EXAMPLE_FILE, quiet = false } = {}) {
  const [command, ...prefix] = composeCommand();
  return run(command, [...prefix, '-p', project, '-f', file, ...args], { env: { ...process.env, ...env }, quiet });
}

/** Engine, images and `up -d` for the example (or a copy of it: `file`) under `project`. */
export async function exampleUp(project = EXAMPLE_PROJECT, { env = {}, quiet = false, file = EXAMPLE_FILE } = {}) {
  await ensureEngine({ compose: true });
  await tagBusyboxImage(exampleImages(file));
  say(`starting the example stack as Compose project "${project}"`);
  // --build: an image built from the example's Dockerfile is rebuilt from what it says now (a cached
  // build takes a moment), and never taken from an older tag of the BusyBox image of the same name.
  await compose(project, ['up', '-d', '--build'], { env, quiet, file });
}

export async function exampleDown(project = EXAMPLE_PROJECT, { quiet = false, file = EXAMPLE_FILE } = {}) {
  say(`taking the example stack "${project}" down`);
  await compose(project, ['down', '--timeout', '2'], { quiet, file });
}

async function openInDesktopCode() {
  say('opening desktop VS Code with the extension loaded (code --extensionDevelopmentPath)');
  await run('code', ['--extensionDevelopmentPath', repoRoot, EXAMPLE_DIR, EXAMPLE_FILE]);
}

async function openInCodeServer(started) {
  const server = await startCodeServer({
    workspace: EXAMPLE_DIR,
    port: process.env.COMPOSE_HEALTH_PORT ? Number(process.env.COMPOSE_HEALTH_PORT) : undefined,
  });
  const url = workbenchUrl({ ...server, workspace: EXAMPLE_DIR, extensionPath: repoRoot, openFile: EXAMPLE_FILE });
  say(`ready in ${secondsSince(started)} s. Open this URL in a browser (Ctrl-C here stops it):\n\n    ${url}\n`);
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  say('stopping code-server (the stack keeps running: npm run demo:down takes it down)');
  await server.stop();
}

async function main() {
  if (process.argv.includes('--down')) return exampleDown();
  const started = Date.now();
  say('building the extension');
  await run(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  await exampleUp();
  if (commandExists('code') && process.env.COMPOSE_HEALTH_BROWSER !== 'code-server') return openInDesktopCode();
  return openInCodeServer(started);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error.cannotRun ? error.message : error);
    process.exitCode = 1;
  });
}
