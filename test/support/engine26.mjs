// Engine 26 and Compose v2 beside Debian 12's Engine 20.10, from Debian 13 (trixie) packages.
//   node test/support/engine26.mjs      (or `await ensureEngine26()` from another script)
// Debian 12 ships only Engine 20.10 (API 1.41, end of life) and docker-compose 1.29; users run newer
// engines and `docker compose` (v2). Trixie has docker.io 26.1.5 (API 1.45), containerd 1.7 and
// docker-compose 2.26.1, which run here without touching the system's packages
// (/work/shared/docs/test-hosts.md, "Newer engines and Compose v2"):
//   1. download the .debs with apt, using private Dir::* options (trixie is never added to the system);
//   2. unpack them with `dpkg -x` into a root folder of their own;
//   3. start that dockerd on its own socket, data root, exec root, pidfile and bridge, detached, so
//      later runs reuse it (like the system daemon started by engine.mjs);
//   4. load the offline BusyBox image into it;
//   5. copy the Compose v2 plugin to ~/.docker/cli-plugins so `docker compose` is v2.
// Every step is skipped when its result is already there.
// COMPOSE_HEALTH_TRIXIE_DIR moves the download/unpack folder (default ~/.cache/compose-health/trixie),
// e.g. to time a first run from nothing without deleting the shared copy.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUSYBOX_IMAGE, NO_SHELL_IMAGE, ensureEngine, pingEngine, startDockerd } from './engine.mjs';
import { cacheDir, cannotRun, commandExists, ensureDebianPackages, isRoot, run, say, secondsSince } from './system.mjs';

/** The trixie packages Engine 26 and Compose v2 need. runc is left out on purpose: trixie's needs glibc 2.38, so Debian 12's runc runs the containers. */
export const TRIXIE_PACKAGES = ['docker.io', 'containerd', 'tini', 'docker-compose'];
/** Short on purpose: a unix socket path may hold at most 108 bytes. */
export const ENGINE26_RUN_DIR = '/run/compose-health-engine26';
export const ENGINE26_SOCKET = path.join(ENGINE26_RUN_DIR, 'docker.sock');
export const ENGINE26_HOST = `unix://${ENGINE26_SOCKET}`;
/** Its own bridge, never `--bridge none` (moby would delete the host's docker0, see engine.mjs startDockerd). */
const ENGINE26_BRIDGE = 'chengine26';
const ENGINE26_BRIDGE_ADDRESS = '10.251.0.1/24';
const COMPOSE_V2_VERSION = '2.26.1';

export function trixieDir(...parts) {
  return path.join(process.env.COMPOSE_HEALTH_TRIXIE_DIR || cacheDir('trixie'), ...parts);
}

/** The options that make apt read and write only the trixie folder (no system sources, lists or cache). */
function privateAptOptions() {
  return [
    '-o', 'Dir::Etc::SourceList=/dev/null',
    '-o', `Dir::Etc::SourceParts=${trixieDir('sources')}`,
    '-o', `Dir::State::Lists=${trixieDir('lists')}`,
    '-o', `Dir::Cache=${trixieDir('cache')}`,
  ];
}

function ensureTrixieSources() {
  const file = trixieDir('sources', 'trixie.sources');
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\n' +
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n',
  );
}

const debOf = (name, files) => files.find((file) => file.startsWith(`${name}_`) && file.endsWith('.deb'));

/** Downloads the trixie .debs that are not in trixie/debs yet (apt lists fetched once, into trixie/lists). */
export async function ensureTrixieDebs() {
  const debs = trixieDir('debs');
  mkdirSync(debs, { recursive: true });
  const missing = TRIXIE_PACKAGES.filter((name) => !debOf(name, readdirSync(debs)));
  if (missing.length === 0) return;
  if (!commandExists('apt-get')) throw cannotRun(`Engine 26 is installed from Debian 13 packages with apt-get, which this machine does not have.`);
  ensureTrixieSources();
  for (const dir of ['lists/partial', 'cache/archives/partial']) mkdirSync(trixieDir(dir), { recursive: true });
  const started = Date.now();
  if (!readdirSync(trixieDir('lists')).some((file) => file.includes('_Packages'))) {
    say(`fetching Debian 13 (trixie) package lists into ${trixieDir('lists')} (the system's apt sources are not touched)`);
    await run('apt-get', [...privateAptOptions(), 'update'], { quiet: true });
  }
  say(`downloading ${missing.join(', ')} from Debian 13 into ${debs}: Engine 26 and Compose v2 come from them`);
  // `apt-get download` writes into the current folder and, as root, warns that it runs unsandboxed (harmless).
  await run('apt-get', [...privateAptOptions(), 'download', ...missing], { cwd: debs, quiet: true });
  say(`downloaded in ${secondsSince(started)} s`);
}

/** Unpacks the .debs into trixie/root with `dpkg -x`; a stamp naming the unpacked files skips it next time. */
export async function ensureTrixieRoot() {
  const root = trixieDir('root');
  const files = readdirSync(trixieDir('debs'));
  const wanted = TRIXIE_PACKAGES.map((name) => debOf(name, files)).sort().join('\n');
  const stamp = path.join(root, '.unpacked');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return root;
  const started = Date.now();
  say(`unpacking ${TRIXIE_PACKAGES.join(', ')} into ${root} with dpkg -x (nothing is installed on the system)`);
  // Into a fresh folder, renamed at the end, so an interrupted unpack is never taken for a whole one.
  const staging = `${root}.partial`;
  rmSync(staging, { recursive: true, force: true });
  for (const deb of wanted.split('\n')) await run('dpkg', ['-x', trixieDir('debs', deb), staging]);
  writeFileSync(path.join(staging, '.unpacked'), wanted);
  rmSync(root, { recursive: true, force: true });
  renameSync(staging, root);
  say(`unpacked in ${secondsSince(started)} s`);
  return root;
}

/** Makes the daemon's bridge (an address of its own, so it never shares docker0's) unless it exists. */
async function ensureBridge() {
  if (spawnSync('ip', ['link', 'show', ENGINE26_BRIDGE], { stdio: 'ignore' }).status === 0) return;
  say(`creating bridge ${ENGINE26_BRIDGE} (${ENGINE26_BRIDGE_ADDRESS}) for Engine 26's default network`);
  await run('ip', ['link', 'add', ENGINE26_BRIDGE, 'type', 'bridge']);
  await run('ip', ['addr', 'add', ENGINE26_BRIDGE_ADDRESS, 'dev', ENGINE26_BRIDGE]);
  await run('ip', ['link', 'set', ENGINE26_BRIDGE, 'up']);
}

/** Its containerd, shims and docker-init come first on its PATH; runc is found after them: Debian 12's. */
const daemonPath = (root) => `${root}/usr/bin:${root}/usr/sbin`;

/**
 * What the Engine 26 pass of the engine tier adds to the tests' environment: DOCKER_HOST, and the
 * dockerd build (with its PATH) that a test starting a private daemon of its own should run.
 */
export function engine26TestEnv(root = trixieDir('root')) {
  return {
    DOCKER_HOST: ENGINE26_HOST,
    COMPOSE_HEALTH_TEST_DOCKERD: path.join(root, 'usr/sbin/dockerd'),
    COMPOSE_HEALTH_TEST_DOCKERD_PATH: daemonPath(root),
  };
}

/** Starts trixie's dockerd detached, on its own socket, data root, exec root, pidfile and bridge. */
async function startEngine26(root) {
  await ensureBridge();
  mkdirSync(ENGINE26_RUN_DIR, { recursive: true });
  await startDockerd({
    socket: ENGINE26_SOCKET,
    dockerd: path.join(root, 'usr/sbin/dockerd'),
    env: { ...process.env, PATH: `${daemonPath(root)}:${process.env.PATH}` },
    logName: 'engine26.log',
    extraArgs: [
      '--data-root', cacheDir('engine26', 'data'),
      '--exec-root', path.join(ENGINE26_RUN_DIR, 'exec'),
      '--pidfile', path.join(ENGINE26_RUN_DIR, 'docker.pid'),
      '--bridge', ENGINE26_BRIDGE,
      '--iptables=false',
      '--ip-masq=false',
    ],
  });
}

function imageOnEngine26(image) {
  return spawnSync('docker', ['--host', ENGINE26_HOST, 'image', 'inspect', image], { stdio: 'ignore' }).status === 0;
}

/** Copies the offline BusyBox images (full and shell-less) from the system Engine (nothing can be pulled here). */
async function loadBusyboxImage() {
  for (const image of [BUSYBOX_IMAGE, NO_SHELL_IMAGE]) {
    if (imageOnEngine26(image)) continue;
    say(`loading ${image} into Engine 26 (docker save | docker load)`);
    await run('sh', ['-c', `docker save ${image} | docker --host ${ENGINE26_HOST} load`], { quiet: true });
  }
}

function composeV2Version() {
  const result = spawnSync('docker', ['compose', 'version', '--short'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

/** The Docker CLI's per-user plugin folder: $DOCKER_CONFIG/cli-plugins, else ~/.docker/cli-plugins. */
function userPluginDir() {
  return path.join(process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker'), 'cli-plugins');
}

/**
 * Installs trixie's Compose v2 plugin for the Docker CLI unless `docker compose` is already some v2, so
 * `docker compose` is v2 while `docker-compose` stays Debian 12's 1.29.
 */
export async function ensureComposeV2(root) {
  if (composeV2Version()?.startsWith('2.')) return;
  if (!root) {
    await ensureTrixieDebs();
    root = await ensureTrixieRoot();
  }
  const target = path.join(userPluginDir(), 'docker-compose');
  say(`installing Compose v2 (${COMPOSE_V2_VERSION}) as a Docker CLI plugin: ${target}`);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(path.join(root, 'usr/libexec/docker/cli-plugins/docker-compose'), target);
  const version = composeV2Version();
  if (!version?.startsWith(COMPOSE_V2_VERSION)) throw new Error(`\`docker compose version\` says ${version ?? 'nothing'} after installing ${target}`);
}

/** Engine 26 (started when it does not answer), its test image, and Compose v2. Idempotent. */
export async function ensureEngine26() {
  if (!isRoot()) throw cannotRun('Engine 26 is started as a second dockerd, which only root can do here.');
  // The system Engine supplies the image and Debian 12's docker CLI and runc (docker.io depends on runc).
  await ensureEngine({ compose: true });
  await ensureDebianPackages(['runc'], 'Engine 26 (Debian 12 runc runs its containers)');
  const started = Date.now();
  await ensureTrixieDebs();
  const root = await ensureTrixieRoot();
  if (await pingEngine({ socketPath: ENGINE26_SOCKET })) say(`Engine 26 answers at ${ENGINE26_HOST}`);
  else await startEngine26(root);
  await loadBusyboxImage();
  await ensureComposeV2(root);
  say(`Engine 26 and Compose v2 ready in ${secondsSince(started)} s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureEngine26().catch((error) => {
    console.error(error.cannotRun ? error.message : error);
    process.exitCode = 1;
  });
}
