// Makes sure a Podman 4.3 Docker-compatible socket answers, with the offline BusyBox test image loaded.
//   node test/support/podman.mjs        (or `await ensurePodman()` from another script)
// Everything Podman keeps lives under ~/.cache/compose-health/podman: its own containers.conf and
// storage.conf (pointed at with CONTAINERS_CONF / CONTAINERS_STORAGE_CONF), storage, run and network
// folders, so the system's Podman configuration and storage are never touched. What works in this
// kind of sandbox is described in /work/shared/docs/test-hosts.md ("Podman 4.3").
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BUSYBOX_IMAGE, NO_SHELL_IMAGE, ensureEngine, pingEngine } from './engine.mjs';
import { cacheDir, cannotRun, commandExists, ensureDebianPackages, isRoot, run, say, secondsSince } from './system.mjs';

const PODMAN_START_DEADLINE_MS = 60_000;

const podmanDir = (...parts) => cacheDir('podman', ...parts);
const PODMAN_SOCKET = podmanDir('podman.sock');
export const PODMAN_HOST = `unix://${PODMAN_SOCKET}`;

/**
 * The environment every podman command of ours runs with: our containers.conf and storage.conf
 * instead of /etc/containers' (containers/common `pkg/config` reads CONTAINERS_CONF,
 * containers/storage reads CONTAINERS_STORAGE_CONF).
 */
function podmanEnv() {
  return { ...process.env, CONTAINERS_CONF: podmanDir('containers.conf'), CONTAINERS_STORAGE_CONF: podmanDir('storage.conf') };
}

/**
 * In this sandbox containers start only with runc, cgroupfs and explicit ulimits (test-hosts.md);
 * set here they apply to containers created through the socket too. Events go to a file of ours:
 * there is no journald, and the service reads the file to serve /events.
 */
function writeConfig() {
  for (const dir of ['storage', 'run', 'tmp', 'networks']) mkdirSync(podmanDir(dir), { recursive: true });
  const containersConf = [
    '[containers]',
    'default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]',
    '',
    '[engine]',
    'runtime = "runc"',
    'cgroup_manager = "cgroupfs"',
    'events_logger = "file"',
    `events_logfile_path = "${podmanDir('tmp', 'events.log')}"`,
    `tmp_dir = "${podmanDir('tmp')}"`,
    '',
    '[network]',
    `network_config_dir = "${podmanDir('networks')}"`,
    '',
  ].join('\n');
  const storageConf = ['[storage]', 'driver = "overlay"', `graphroot = "${podmanDir('storage')}"`, `runroot = "${podmanDir('run')}"`, ''].join('\n');
  writeIfChanged(podmanDir('containers.conf'), containersConf);
  writeIfChanged(podmanDir('storage.conf'), storageConf);
}

function writeIfChanged(file, text) {
  let current;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== text) writeFileSync(file, text);
}

function podman(args, options = {}) {
  return spawnSync('podman', args, { encoding: 'utf8', env: podmanEnv(), ...options });
}

/**
 * Starts `podman system service` on our socket, detached (it keeps running after the tests, like the
 * test dockerd), and waits for its ping; nothing announces readiness, so this polls `/_ping`.
 */
async function startService() {
  const logFile = podmanDir('service.log');
  const started = Date.now();
  say(`starting podman system service at ${PODMAN_HOST} in the background (log: ${logFile})`);
  const log = openSync(logFile, 'a');
  const child = spawn('setsid', ['podman', 'system', 'service', '--time=0', PODMAN_HOST], {
    detached: true,
    stdio: ['ignore', log, log],
    env: podmanEnv(),
  });
  let exited = null;
  child.on('exit', (code) => (exited = code));
  child.unref();
  while (Date.now() - started < PODMAN_START_DEADLINE_MS) {
    if (await pingEngine({ socketPath: PODMAN_SOCKET })) {
      say(`Podman answers after ${secondsSince(started)} s`);
      return;
    }
    // `setsid` forks and exits 0 at once when it already leads a process group (spawn's `detached`
    // makes it one), so only a failing exit means the service is gone.
    if (exited !== null && exited !== 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  // Podman is installed but cannot serve on this machine (no overlay or cgroup support, say): the
  // pass reports that rather than failing test by test.
  throw cannotRun(
    `podman system service did not answer at ${PODMAN_HOST} within ${PODMAN_START_DEADLINE_MS / 1000} s ` +
      `(${exited === null || exited === 0 ? 'still running' : `exited with ${exited}`}), so Podman cannot run here. Last lines of ${logFile}:\n${tail}`,
  );
}

/**
 * Copies the Docker-built BusyBox images into Podman's storage (nothing can be pulled here): the full
 * one, and the shell-less one a probe that cannot be ended runs in.
 */
async function ensurePodmanImages() {
  for (const image of [BUSYBOX_IMAGE, NO_SHELL_IMAGE]) {
    if (podman(['image', 'exists', image]).status === 0) {
      say(`image ${image} is in Podman's storage`);
      continue;
    }
    const started = Date.now();
    say(`loading ${image} into Podman's storage with docker save | podman load`);
    await run('sh', ['-c', `docker save ${image} | podman load`], { quiet: true, env: podmanEnv() });
    say(`loaded ${image} into Podman in ${secondsSince(started)} s`);
  }
}

/**
 * Makes sure Podman's Docker-compatible socket answers at PODMAN_HOST with the BusyBox images loaded,
 * installing Debian's podman when it is missing. Idempotent; returns the socket's address.
 */
export async function ensurePodman() {
  // The test image is built with the Docker Engine, then copied into Podman; a test brings a project up
  // with Compose through the socket.
  await ensureEngine({ compose: true });
  await ensureDebianPackages(['podman', 'runc'], 'the Podman engine pass');
  if (!commandExists('podman')) throw cannotRun('podman is installed but not on PATH; add /usr/bin to PATH and rerun.');
  if (!isRoot()) throw cannotRun('the Podman engine pass runs podman as root (rootless Podman needs a user session); run it as root.');
  writeConfig();
  if (await pingEngine({ socketPath: PODMAN_SOCKET })) say(`Podman answers at ${PODMAN_HOST}`);
  else await startService();
  await ensurePodmanImages();
  return PODMAN_HOST;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensurePodman().then(
    (host) => console.log(host),
    (error) => {
      console.error(error.cannotRun ? error.message : error);
      process.exitCode = 1;
    },
  );
}
