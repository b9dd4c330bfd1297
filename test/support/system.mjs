// Small helpers shared by the test support scripts (engine, code-server, host tier, npm start):
// printing what is done and why, running commands, installing Debian packages, the user cache folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A TCP port on 127.0.0.1 nobody listens on now: the kernel picks it, and it is released before the
 * caller (code-server, a daemon) binds it.
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Prints one line of set-up progress, so a newcomer sees what is done and why. */
export function say(message) {
  console.log(`[compose-health] ${message}`);
}

/**
 * An Error for a machine where a prerequisite cannot be installed. test/run.mjs reports such a tier
 * as skipped outside CI and as failed with CI=true.
 */
export function cannotRun(message) {
  const error = new Error(message);
  error.cannotRun = true;
  return error;
}

/** ~/.cache/compose-health (or $XDG_CACHE_HOME/compose-health): survives clones, never in the repo. */
export function cacheDir(...parts) {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'compose-health', ...parts);
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs a command; rejects with the command line and exit code. Output is inherited, or with
 * `quiet: true` kept back and shown only in the error when the command fails.
 */
export function run(command, args, { quiet = false, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', ...options });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`\`${[command, ...args].join(' ')}\` failed (${signal ?? `exit code ${code}`})${output ? `:\n${output}` : ''}`),
          ),
    );
  });
}

/** Seconds since `started` (a Date.now() value), one decimal. */
export function secondsSince(started) {
  return ((Date.now() - started) / 1000).toFixed(1);
}

function missingDebianPackages(names) {
  return names.filter((name) => {
    const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return status.status !== 0 || !status.stdout.includes('install ok installed');
  });
}

/**
 * Installs the Debian packages that are missing. Runs `apt-get update` only when the package lists
 * are empty or an install fails on a stale list. Throws a cannotRun error naming what is missing
 * and the command to run when this machine is not Debian, has no apt, or the process is not root.
 */
export async function ensureDebianPackages(names, why) {
  const isDebian = existsSync('/etc/debian_version');
  if (!isDebian || !commandExists('dpkg-query')) {
    const present = names.filter((n) => commandExists(n));
    if (present.length === names.length) return;
    throw cannotRun(
      `${why} needs the Debian packages ${names.join(', ')}, and this machine is not Debian (no /etc/debian_version or dpkg), ` +
        'so they cannot be installed automatically. Install the equivalent packages with your system package manager and rerun.',
    );
  }
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot() || !commandExists('apt-get')) {
    throw cannotRun(
      `${why} needs the Debian packages ${missing.join(', ')}, which are not installed, and ` +
        `${isRoot() ? 'apt-get is not available' : 'this process is not root'}. Run as root: ${command}`,
    );
  }
  say(`installing ${missing.join(', ')} from Debian: ${why} needs them`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = ['install', '-y', '--no-install-recommends', ...missing];
  const listsDir = '/var/lib/apt/lists';
  const haveLists = existsSync(listsDir) && readdirSync(listsDir).some((f) => f.endsWith('_Packages'));
  if (!haveLists) {
    say('apt package lists are empty: running apt-get update first');
    await run('apt-get', ['update'], { env });
  }
  try {
    await run('apt-get', install, { env });
  } catch {
    say('apt-get install failed, probably on a stale package list: running apt-get update and retrying');
    await run('apt-get', ['update'], { env });
    await run('apt-get', install, { env });
  }
}
