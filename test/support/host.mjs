// The host tier: runs each suite under out/test/host/<suite>/ inside a real VS Code extension host —
// code-server 4.100.3 (VS Code 1.100.3) driven by Debian's chromium through playwright-core. The
// workbench `payload` names the extension (extensionDevelopmentPath) and the mocha entry module
// out/test/host/index.js (extensionTestsPath); the workbench calls `codeAutomationExit(code)` when the
// entry's run() settles, and the entry prints a COMPOSE_HEALTH_HOST_RESULT line with the counts.
//
// A suite folder may hold suite.json: { "workspace": "test/fixtures/<x>", "trust": false } (default
// workspace test/fixtures/workspace, trusted). trust false opens the folder in restricted mode.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { codeServerConfig, ensureCodeServer } from './codeServer.mjs';
import { repoRoot, say, secondsSince } from './system.mjs';

export const RESULT_MARKER = 'COMPOSE_HEALTH_HOST_RESULT';
export const START_MARKER = 'COMPOSE_HEALTH_HOST_START';
const DEFAULT_WORKSPACE = 'test/fixtures/workspace';
const SUITE_DEADLINE_MS = Number(process.env.COMPOSE_HEALTH_SUITE_DEADLINE_MS ?? 300_000);
const SERVER_START_DEADLINE_MS = 60_000;
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Workbench settings that keep a test or demo window quiet and reproducible. */
export function quietSettings({ trust = true } = {}) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'git.openRepositoryInParentFolders': 'never',
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // With trust enabled and no prompt, a folder nobody trusted opens in restricted mode.
    'security.workspace.trust.enabled': !trust ? true : false,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
  };
}

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

/** The host suites: folders under test/host/ holding *.test.ts files, with their suite.json. */
export function hostSuites() {
  const dir = path.join(repoRoot, 'test/host');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .filter((entry) => readdirSync(path.join(dir, entry.name), { recursive: true }).some((f) => String(f).endsWith('.test.ts')))
    .map((entry) => {
      const configFile = path.join(dir, entry.name, 'suite.json');
      const config = existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {};
      return { name: entry.name, workspace: config.workspace ?? DEFAULT_WORKSPACE, trust: config.trust !== false };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Starts code-server on a free port with a fresh user-data and extensions folder and resolves once it
 * listens (it prints "HTTP server listening on …"). `env` reaches the extension host, which inherits
 * the server's environment. Returns { url, port, stop, dataDir, extensionsDir }.
 */
export async function startCodeServer({ workspace, trust = true, env = {}, extensionsDir, dataDir, log = () => {} }) {
  const bin = await ensureCodeServer();
  const port = await freePort();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'compose-health-host-'));
  const userDataDir = dataDir ?? path.join(tmp, 'data');
  const extDir = extensionsDir ?? path.join(tmp, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(quietSettings({ trust }), null, 2));
  const args = [
    bin,
    '--config', codeServerConfig(),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? ['--disable-workspace-trust'] : []),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extDir,
    workspace,
  ];
  // Its own process group, so stop() ends the server and every extension host it forked.
  const server = spawn(process.execPath, args, {
    cwd: repoRoot,
    // No marketplace is reachable offline; an empty gallery keeps the workbench from querying it.
    env: { EXTENSIONS_GALLERY: '{}', ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = false;
  const stop = async () => {
    if (!exited) {
      const gone = new Promise((resolve) => server.once('exit', resolve));
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        exited = true;
      }
      const killTimer = setTimeout(() => {
        try {
          process.kill(-server.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      if (!exited) await gone;
      clearTimeout(killTimer);
    }
    if (!dataDir && !extensionsDir) rmSync(tmp, { recursive: true, force: true });
  };
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not listen on 127.0.0.1:${port} within ${SERVER_START_DEADLINE_MS / 1000} s`)),
      SERVER_START_DEADLINE_MS,
    );
    let output = '';
    const onData = (chunk) => {
      output += chunk;
      log(String(chunk));
      if (output.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening:\n${output.slice(-2000)}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { url: `http://127.0.0.1:${port}`, port, stop, userDataDir, extensionsDir: extDir };
}

/** The workbench URL opening `workspace`, with a payload naming the extension and test entry module. */
export function workbenchUrl({ url, port, workspace, extensionPath, testsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ...(extensionPath ? [['extensionDevelopmentPath', remote(extensionPath)]] : []),
    ...(testsPath ? [['extensionTestsPath', remote(testsPath)]] : []),
  ];
  const query = `folder=${encodeURIComponent(workspace)}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
  return `${url}/?${query}`;
}

/** Launches Debian's chromium through playwright-core (never a downloaded browser). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/**
 * A page console message as { level, text }. The workbench's console logger prints log entries —
 * including the extension host's console output, which reaches the renderer's log service — as
 * ("%c INFO", "color: …", format, ...args); other messages are plain.
 */
async function consoleEntry(message) {
  const args = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => String(arg))));
  const logged = typeof args[0] === 'string' ? /^%c ?(TRACE|DEBUG|INFO|WARN|ERR)\b/.exec(args[0]) : null;
  if (logged) return { level: logged[1], text: format(...args.slice(2)) };
  return { level: message.type(), text: args.length ? format(...args) : message.text() };
}

/** Saves a full-page screenshot into .test-artifacts/<name>.png; never fails the caller. */
export async function screenshot(page, name) {
  const dir = path.join(repoRoot, '.test-artifacts');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  try {
    await page.screenshot({ path: file });
    say(`screenshot: ${path.relative(repoRoot, file)}`);
  } catch (error) {
    say(`no screenshot (${error.message})`);
  }
}

/** `code-server --install-extension <vsix>` into `extensionsDir`. */
export async function installVsix(vsix, extensionsDir) {
  const bin = await ensureCodeServer();
  const started = Date.now();
  await new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [bin, '--config', codeServerConfig(), '--extensions-dir', extensionsDir, '--install-extension', vsix],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 && /successfully installed/i.test(output)
        ? resolve()
        : reject(new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${output}`)),
    );
  });
  say(`installed ${path.relative(repoRoot, vsix)} into a fresh extensions folder in ${secondsSince(started)} s`);
}

/**
 * Runs one suite in a fresh code-server + chromium and resolves with its counts. `installedVsix`:
 * run it against the extension installed from that .vsix into code-server's extensions folder (no
 * extensionDevelopmentPath), so what ships is what is tested. `afterRun(page)` may look at the
 * workbench before it is closed (e.g. to read measurements); its result is returned as `extra`.
 */
export async function runHostSuite(suite, { installedVsix, afterRun } = {}) {
  const started = Date.now();
  const workspace = path.join(repoRoot, suite.workspace);
  const testsPath = path.join(repoRoot, 'out/test/host/index.js');
  const label = `${suite.name}${installedVsix ? ' (installed .vsix)' : ''}`;
  if (!existsSync(path.join(repoRoot, 'out/test/host', suite.name))) {
    throw new Error(`out/test/host/${suite.name} is missing: run \`npx tsc -p .\` (npm run build:tests) first`);
  }
  const cleanups = [];
  let page;
  let deadlineTimer;
  try {
    const env = {
      COMPOSE_HEALTH_HOST_SUITE: suite.name,
      COMPOSE_HEALTH_HOST_MODE: installedVsix ? 'installed' : 'development',
      COMPOSE_HEALTH_REPO: repoRoot,
      COMPOSE_HEALTH_WORKSPACE_TRUST: suite.trust ? 'trusted' : 'untrusted',
    };
    let extensionsDir;
    if (installedVsix) {
      extensionsDir = mkdtempSync(path.join(os.tmpdir(), 'compose-health-ext-'));
      cleanups.push(async () => rmSync(extensionsDir, { recursive: true, force: true }));
      await installVsix(installedVsix, extensionsDir);
    }
    const server = await startCodeServer({ workspace, trust: suite.trust, env, extensionsDir });
    cleanups.push(server.stop);
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let result;
    let resolveExit;
    const exitCode = new Promise((resolve) => (resolveExit = resolve));
    // Exposed before navigation: the workbench looks it up when the test entry's run() settles.
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    // The entry prints START_MARKER before mocha runs and RESULT_MARKER after; the lines between are
    // the test report, streamed to stdout. Logged errors are streamed always (e.g. a failed
    // activation); the browser's own messages only with COMPOSE_HEALTH_VERBOSE=1.
    let streaming = false;
    page.on('console', async (message) => {
      const { level, text } = await consoleEntry(message);
      if (text.startsWith(START_MARKER)) streaming = true;
      const marker = text.indexOf(RESULT_MARKER);
      if (marker >= 0) {
        result = JSON.parse(text.slice(marker + RESULT_MARKER.length));
        streaming = false;
      } else if (streaming || level === 'ERR' || process.env.COMPOSE_HEALTH_VERBOSE) {
        if (!text.startsWith(START_MARKER)) console.log(`  ${text}`);
      }
    });
    const deadline = new Promise((_, reject) => {
      deadlineTimer = setTimeout(
        () =>
          reject(
            new Error(`host suite ${label} did not finish within ${SUITE_DEADLINE_MS / 1000} s (COMPOSE_HEALTH_SUITE_DEADLINE_MS)`),
          ),
        SUITE_DEADLINE_MS,
      );
    });
    await page.goto(workbenchUrl({ ...server, workspace, extensionPath: installedVsix ? undefined : repoRoot, testsPath }));
    const code = await Promise.race([exitCode, deadline]);
    if (!result) throw new Error(`host suite ${label} exited with ${code} without printing its ${RESULT_MARKER} line`);
    if (code !== 0 || result.failed > 0) await screenshot(page, `host-${suite.name}`);
    const extra = afterRun ? await Promise.race([afterRun(page), deadline]) : undefined;
    say(`host suite ${label}: ${result.passed} passed, ${result.failed} failed in ${secondsSince(started)} s`);
    return { passed: result.passed, failed: result.failed, skipped: result.skipped, extra };
  } catch (error) {
    if (page) await screenshot(page, `host-${suite.name}`);
    throw error;
  } finally {
    clearTimeout(deadlineTimer);
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

/** Runs every host suite in turn; the counts are summed. */
export async function runHostTier() {
  const total = { passed: 0, failed: 0, skipped: 0 };
  const errors = [];
  for (const suite of hostSuites()) {
    try {
      const result = await runHostSuite(suite);
      total.passed += result.passed;
      total.failed += result.failed;
      total.skipped += result.skipped;
    } catch (error) {
      total.failed += 1;
      errors.push(`${suite.name}: ${error.message}`);
      console.error(`host suite ${suite.name} failed to run: ${error.message}`);
    }
  }
  return errors.length ? { ...total, error: errors.join('; ') } : total;
}
