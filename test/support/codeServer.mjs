// Installs code-server (VS Code 1.100.3 in the browser, the offline test host) on first use into
// ~/.cache/compose-health/code-server-<version>, outside the project's dependencies: it is ~300 MB
// and builds native modules, and a fresh clone on the same machine reuses it.
//   node test/support/codeServer.mjs     (or `await ensureCodeServer()` from another script)
// Recipe: /work/shared/docs/test-hosts.md ("A real VS Code extension host, offline").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheDir, cannotRun, ensureDebianPackages, isRoot, run, say, secondsSince } from './system.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
// The asset @vscode/ripgrep's post-install looks for in its cache before downloading from GitHub.
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const DEBIAN_PACKAGES = ['libkrb5-dev', 'pkg-config', 'ripgrep', 'chromium'];

export function codeServerDir() {
  return cacheDir(`code-server-${CODE_SERVER_VERSION}`);
}

/** The code-server launcher inside the cache folder. */
export function codeServerBin() {
  return path.join(codeServerDir(), 'node_modules/code-server/out/node/entry.js');
}

const markerFile = () => path.join(codeServerDir(), '.installed');

/** A config file of our own, so code-server never writes ~/.config/code-server/config.yaml. */
export function codeServerConfig() {
  const file = path.join(codeServerDir(), 'config.yaml');
  if (!existsSync(file)) writeFileSync(file, 'auth: none\n');
  return file;
}

function codeServerStarts() {
  const result = spawnSync(process.execPath, [codeServerBin(), '--config', codeServerConfig(), '--version'], {
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim().split('\n')[0] : undefined;
}

/**
 * The @vscode/ripgrep version code-server's VS Code pins (lib/vscode/npm-shrinkwrap.json), read
 * before the post-install runs so its download can be served from the cache.
 */
function pinnedRipgrepVersion(packageDir) {
  const shrinkwrap = JSON.parse(readFileSync(path.join(packageDir, 'lib/vscode/npm-shrinkwrap.json'), 'utf8'));
  const version = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!version) throw new Error(`cannot find the @vscode/ripgrep version in ${packageDir}/lib/vscode/npm-shrinkwrap.json`);
  return version;
}

/**
 * @vscode/ripgrep's post-install downloads rg from GitHub, which is not reachable here; it first looks
 * in <tmpdir>/vscode-ripgrep-cache-<version>/, so put Debian's /usr/bin/rg there as the asset it wants.
 */
async function seedRipgrepCache(version) {
  const cache = path.join(os.tmpdir(), `vscode-ripgrep-cache-${version}`);
  const asset = path.join(cache, RIPGREP_ASSET);
  if (existsSync(asset)) return;
  say(`seeding @vscode/ripgrep ${version}'s download cache with Debian's rg (GitHub is not reachable)`);
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(path.join(os.tmpdir(), 'compose-health-rg-'));
  try {
    symlinkSync('/usr/bin/rg', path.join(staging, 'rg'));
    await run('tar', ['-czhf', asset, '-C', staging, 'rg']);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Installs code-server once (marker file), checking that it starts; returns its launcher path.
 * Prints each step with its duration.
 */
let checked = false;

export async function ensureCodeServer() {
  const dir = codeServerDir();
  if (existsSync(markerFile()) && existsSync(codeServerBin())) {
    if (!checked) say(`code-server ${CODE_SERVER_VERSION} is installed in ${dir}`);
    checked = true;
    return codeServerBin();
  }
  const started = Date.now();
  say(`installing code-server ${CODE_SERVER_VERSION} into ${dir} (first use; later runs reuse it)`);
  if (Number(process.versions.node.split('.')[0]) !== 20) {
    throw cannotRun(`code-server ${CODE_SERVER_VERSION} runs only on Node 20; this is Node ${process.versions.node}.`);
  }
  await ensureDebianPackages(DEBIAN_PACKAGES, `code-server ${CODE_SERVER_VERSION} and its test browser`);
  if (!isRoot()) {
    throw cannotRun(`installing code-server needs root here (its post-install builds native modules as root with --unsafe-perm). Run as root: node test/support/codeServer.mjs`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'compose-health-code-server', private: true, description: 'Test host cache of Compose Health' }, null, 2),
  );
  // npm 11 runs dependencies' install scripts only with a notice unless strict-allow-scripts is set;
  // code-server's post-install (which installs VS Code's own dependencies and builds native modules)
  // must run, so allow it explicitly and check below that the result starts.
  const env = {
    ...process.env,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    npm_config_strict_allow_scripts: 'false',
    npm_config_ignore_scripts: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  let step = Date.now();
  say('downloading code-server (npm install --ignore-scripts) to read the versions it pins');
  await run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env });
  say(`downloaded in ${secondsSince(step)} s`);
  await seedRipgrepCache(pinnedRipgrepVersion(path.join(dir, 'node_modules/code-server')));
  step = Date.now();
  say("running the install scripts (npm rebuild: argon2's binding, code-server's post-install with VS Code's own dependencies and native modules)");
  await run('npm', ['rebuild', '--unsafe-perm'], { cwd: dir, env });
  say(`post-install done in ${secondsSince(step)} s`);
  const version = codeServerStarts();
  if (!version) {
    throw new Error(`code-server was installed into ${dir} but \`${codeServerBin()} --version\` fails; delete ${dir} and rerun.`);
  }
  if (!existsSync(path.join(dir, 'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg'))) {
    throw new Error(`code-server's post-install did not install ripgrep in ${dir}; delete ${dir} and rerun.`);
  }
  writeFileSync(markerFile(), `${version}\n`);
  say(`code-server ${version} installed in ${secondsSince(started)} s`);
  return codeServerBin();
}

// Run as a script: no top-level await, so other modules (and require() of this ESM file) can load it.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureCodeServer().catch((error) => {
    console.error(error.cannotRun ? error.message : error);
    process.exitCode = 1;
  });
}
