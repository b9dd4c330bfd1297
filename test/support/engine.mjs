// Makes sure a Docker Engine answers and the offline BusyBox test image exists.
//   node test/support/engine.mjs        (or `await ensureEngine()` from another script)
// No container registry is reachable here, so nothing is ever pulled: the test image is built from
// Debian's busybox-static with `docker import` (see /work/shared/docs/test-hosts.md).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, copyFileSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheDir, cannotRun, commandExists, ensureDebianPackages, isRoot, run, say, secondsSince } from './system.mjs';

export const DEFAULT_SOCKET = '/var/run/docker.sock';
export const BUSYBOX_IMAGE = 'compose-health/busybox:test';
/** The applets the test image links to /bin/busybox; tests and examples may use only these. */
export const BUSYBOX_APPLETS = [
  'sh', 'wget', 'nc', 'httpd', 'sleep', 'cat', 'echo', 'true', 'false', 'kill', 'ps', 'ls', 'env', 'id',
  'pwd', 'printf', 'head', 'seq', 'yes', 'test', 'expr', 'grep', 'sed', 'date', 'mkdir', 'touch', 'rm',
];
const DOCKERD_START_DEADLINE_MS = 60_000;

/** Where the Engine is expected: DOCKER_HOST when it is set, else the default socket. */
export function engineAddress() {
  const host = process.env.DOCKER_HOST;
  if (!host) return { socketPath: DEFAULT_SOCKET, label: `unix://${DEFAULT_SOCKET}`, isDefault: true };
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    return { socketPath, label: host, isDefault: socketPath === DEFAULT_SOCKET };
  }
  if (host.startsWith('tcp://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375), label: host, isDefault: false };
  }
  return { unsupported: true, label: host, isDefault: false };
}

/** True when the Engine at `address` answers `GET /_ping` with OK within two seconds. */
export function pingEngine(address = engineAddress()) {
  if (address.unsupported) return Promise.resolve(false);
  return new Promise((resolve) => {
    const { socketPath, host, port } = address;
    const request = http.get({ socketPath, host, port, path: '/_ping', timeout: 2000 }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(response.statusCode === 200 && body === 'OK'));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

function dockerCli(args, options = {}) {
  return spawnSync('docker', args, { encoding: 'utf8', ...options });
}

/**
 * Starts dockerd in the background, detached from this process (it keeps running after the tests, so
 * the next run finds it), logging to ~/.cache/compose-health/<logName>, and waits for its ping.
 * There is no event to wait for before the Engine exists, so this polls `/_ping` with a deadline.
 * `dockerd` and `env` (its PATH finds containerd and runc) run another build (engine26.mjs);
 * `extraArgs` lets a test start a private daemon it may stop (its own --data-root, --exec-root,
 * --pidfile) next to the shared one. Never give a private daemon `--bridge none`: at start-up moby
 * then deletes the host's docker0 interface (daemon_unix.go removeDefaultBridgeInterface), which
 * breaks networking of the shared daemon; the default (docker0) would share the shared daemon's
 * bridge and addresses. Give it a bridge interface of its own (`ip link add <name> type bridge`, an
 * address, `ip link set <name> up`, then `--bridge <name> --iptables=false`).
 */
export async function startDockerd({ socket = DEFAULT_SOCKET, dockerd = 'dockerd', env = process.env, extraArgs = [], logName = 'dockerd.log' } = {}) {
  mkdirSync(cacheDir(), { recursive: true });
  const logFile = cacheDir(logName);
  const started = Date.now();
  say(`starting dockerd at unix://${socket} in the background (log: ${logFile})`);
  const log = openSync(logFile, 'a');
  const child = spawn('setsid', [dockerd, '--host', `unix://${socket}`, ...extraArgs], {
    detached: true,
    env,
    stdio: ['ignore', log, log],
  });
  let exited = null;
  child.on('exit', (code) => (exited = code));
  child.unref();
  const address = { socketPath: socket };
  while (Date.now() - started < DOCKERD_START_DEADLINE_MS) {
    if (await pingEngine(address)) {
      say(`dockerd answers after ${secondsSince(started)} s`);
      return;
    }
    if (exited !== null && exited !== 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  throw new Error(
    `dockerd did not answer at unix://${socket} within ${DOCKERD_START_DEADLINE_MS / 1000} s ` +
      `(${exited === null ? 'still running' : `exited with ${exited}`}). Last lines of ${logFile}:\n${tail}`,
  );
}

function imageExists(image) {
  return dockerCli(['image', 'inspect', image], { stdio: 'ignore' }).status === 0;
}

/**
 * A distroless-like image for the probe's "cannot end it" case: BusyBox linked only as `sleep`, so it
 * has no shell (and thus no kill builtin), no kill and no ps. Tests may run only `sleep` in it.
 */
export const NO_SHELL_IMAGE = 'compose-health/probekill-noshell:test';
export const NO_SHELL_APPLETS = ['sleep'];

/**
 * Builds `compose-health/busybox:test` (or another BusyBox image with the given applets) offline: a
 * rootfs holding Debian's static /bin/busybox and one symlink per applet, imported with `docker
 * import`. Skipped when the image is present.
 */
export async function ensureBusyboxImage(image = BUSYBOX_IMAGE, applets = BUSYBOX_APPLETS) {
  if (imageExists(image)) {
    say(`image ${image} is present`);
    return;
  }
  await ensureDebianPackages(['busybox-static'], `the offline test image ${image}`);
  const started = Date.now();
  say(`building ${image} from busybox-static with docker import (no registry is reachable)`);
  const rootfs = mkdtempSync(path.join(os.tmpdir(), 'compose-health-rootfs-'));
  try {
    mkdirSync(path.join(rootfs, 'bin'));
    for (const dir of ['www', 'tmp', 'etc']) mkdirSync(path.join(rootfs, dir));
    copyFileSync('/bin/busybox', path.join(rootfs, 'bin/busybox'));
    for (const applet of applets) symlinkSync('busybox', path.join(rootfs, 'bin', applet));
    await run('sh', ['-c', `tar -C "${rootfs}" -c . | docker import - ${image}`]);
  } finally {
    rmSync(rootfs, { recursive: true, force: true });
  }
  say(`built ${image} in ${secondsSince(started)} s`);
}

/** Tags the BusyBox image under other names (e.g. the images an example compose file names). */
export async function tagBusyboxImage(names) {
  for (const name of names) {
    if (imageExists(name)) continue;
    say(`tagging ${BUSYBOX_IMAGE} as ${name} so compose never tries to pull it`);
    await run('docker', ['tag', BUSYBOX_IMAGE, name]);
  }
}

/**
 * Makes sure an Engine answers (installing and starting Debian's docker.io when none does and this
 * process may) and that the offline BusyBox image exists. Idempotent.
 */
export async function ensureEngine({ compose = false } = {}) {
  const address = engineAddress();
  const packages = ['docker.io', 'busybox-static', ...(compose ? ['docker-compose'] : [])];
  if (await pingEngine(address)) {
    say(`Docker Engine answers at ${address.label}`);
  } else {
    if (!address.isDefault) {
      throw cannotRun(
        `DOCKER_HOST=${address.label} does not answer a ping. Start that Engine, or unset DOCKER_HOST so a local ` +
          `dockerd is used (started here at unix://${DEFAULT_SOCKET} when none runs).`,
      );
    }
    say(`no Docker Engine answers at ${address.label}: installing and starting one`);
    await ensureDebianPackages(packages, 'a local Docker Engine');
    if (!isRoot()) {
      throw cannotRun(`dockerd is installed but not running, and only root can start it here. Run as root: dockerd &`);
    }
    await startDockerd();
  }
  if (!commandExists('docker')) await ensureDebianPackages(['docker.io'], 'the docker CLI');
  if (compose && !commandExists('docker-compose')) await ensureDebianPackages(['docker-compose'], 'docker-compose');
  await ensureBusyboxImage();
  await ensureBusyboxImage(NO_SHELL_IMAGE, NO_SHELL_APPLETS);
}

// Run as a script: no top-level await, so other modules (and require() of this ESM file) can load it.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureEngine({ compose: process.argv.includes('--compose') }).catch((error) => {
    console.error(error.cannotRun ? error.message : error);
    process.exitCode = 1;
  });
}
