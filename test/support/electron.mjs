// `npm run test:electron`: runs the host suites (the same entry module, out/test/host/index.js) in
// desktop VS Code through @vscode/test-electron, on the minimum VS Code the manifest supports and on
// stable. It downloads VS Code, so it needs internet (it cannot run on the offline test machine,
// where `npm run test:host` uses code-server instead). On Linux without a display it re-runs itself
// under xvfb-run.
//   COMPOSE_HEALTH_VSCODE_VERSIONS=stable npm run test:electron     only stable
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostSuites, quietSettings } from './host.mjs';
import { commandExists, repoRoot, say } from './system.mjs';

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  if (!commandExists('xvfb-run')) {
    console.error('Desktop VS Code needs a display: install xvfb (apt-get install -y xvfb) or set DISPLAY, then rerun.');
    process.exit(1);
  }
  const rerun = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

const { runTests } = await import('@vscode/test-electron');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const minimum = manifest.engines.vscode.replace(/^[\^~>=]+/, '');
const versions = (process.env.COMPOSE_HEALTH_VSCODE_VERSIONS ?? `${minimum},stable`).split(',').map((v) => v.trim());
const testsPath = path.join(repoRoot, 'out/test/host/index.js');
if (!existsSync(testsPath)) {
  console.error('out/test/host/index.js is missing: run `npm run build && npm run build:tests` first.');
  process.exit(1);
}

let passed = 0;
let failed = 0;
for (const version of versions) {
  for (const suite of hostSuites()) {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'compose-health-electron-'));
    const resultFile = path.join(tmp, 'result.json');
    mkdirSync(path.join(tmp, 'data/User'), { recursive: true });
    writeFileSync(path.join(tmp, 'data/User/settings.json'), JSON.stringify(quietSettings({ trust: suite.trust }), null, 2));
    // A suite with phases runs once per phase on the same user data folder (host.mjs hostSuites).
    mkdirSync(path.join(tmp, 'handoff'));
    for (let phase = 1; phase <= suite.phases; phase++) {
      say(`suite ${suite.name}${suite.phases > 1 ? ` (phase ${phase})` : ''} in desktop VS Code ${version}`);
      rmSync(resultFile, { force: true });
      try {
        await runTests({
          version,
          extensionDevelopmentPath: repoRoot,
          extensionTestsPath: testsPath,
          extensionTestsEnv: {
            COMPOSE_HEALTH_HOST_SUITE: suite.name,
            COMPOSE_HEALTH_HOST_MODE: 'development',
            COMPOSE_HEALTH_REPO: repoRoot,
            COMPOSE_HEALTH_HOST_RESULT_FILE: resultFile,
            ...(suite.phases > 1 ? { COMPOSE_HEALTH_HOST_PHASE: String(phase), COMPOSE_HEALTH_HOST_HANDOFF: path.join(tmp, 'handoff') } : {}),
          },
          launchArgs: [
            path.join(repoRoot, suite.workspace),
            '--disable-extensions',
            ...(suite.trust ? ['--disable-workspace-trust'] : []),
            '--user-data-dir', path.join(tmp, 'data'),
            '--extensions-dir', path.join(tmp, 'extensions'),
          ],
        });
      } catch (error) {
        if (!existsSync(resultFile)) {
          const reason = error instanceof Error ? error.message : String(error);
          console.error(
            `Desktop VS Code ${version} did not run suite ${suite.name}: ${reason}\n` +
              'Downloading VS Code needs internet access (update.code.visualstudio.com); offline, use `npm run test:host` (code-server).',
          );
        }
      }
      const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : { passed: 0, failed: 1 };
      passed += result.passed;
      failed += result.failed;
      if (result.failed > 0) break;
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
