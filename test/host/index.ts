// The mocha entry module that runs INSIDE the VS Code extension host: the workbench loads it through
// `extensionTestsPath` and calls `run()` (the same contract as @vscode/test-electron). It runs the
// suite named by COMPOSE_HEALTH_HOST_SUITE (a folder under test/host/, inherited from the code-server
// or VS Code process that started this extension host), or every suite when it is unset, and prints
// one machine-readable result line the launcher parses, since only an exit code crosses back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export const START_MARKER = 'COMPOSE_HEALTH_HOST_START';
export const RESULT_MARKER = 'COMPOSE_HEALTH_HOST_RESULT';

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .map((file) => path.join(dir, file))
    .sort();
}

export async function run(): Promise<void> {
  const suite = process.env.COMPOSE_HEALTH_HOST_SUITE;
  const files = testFiles(suite ? path.join(__dirname, suite) : __dirname);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.COMPOSE_HEALTH_TEST_TIMEOUT_MS ?? 60_000),
    grep: process.env.TEST_GREP || undefined,
  });
  for (const file of files) mocha.addFile(file);
  await mocha.loadFilesAsync();
  console.log(`${START_MARKER} ${suite ?? '(all)'}: ${files.length} file(s)`);
  const skippedTitles: string[] = [];
  // Failures are named with the first line of their error, so the run's summary (often all a CI log keeps)
  // says which test failed and why.
  const failedTitles: string[] = [];
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({} as Mocha.Stats)));
    runner.on('pending', (test) => skippedTitles.push(test.fullTitle()));
    runner.on('fail', (test, error: unknown) => failedTitles.push(`${test.fullTitle()}: ${firstLine(error)}`));
  });
  const result = {
    suite: suite ?? '(all)',
    files: files.length,
    passed: stats.passes ?? 0,
    failed: stats.failures ?? 0,
    skipped: stats.pending ?? 0,
    skippedTitles,
    failedTitles,
  };
  console.log(`${RESULT_MARKER} ${JSON.stringify(result)}`);
  // Desktop VS Code (test/support/electron.mjs) pipes this console elsewhere; it reads a file instead.
  if (process.env.COMPOSE_HEALTH_HOST_RESULT_FILE) fs.writeFileSync(process.env.COMPOSE_HEALTH_HOST_RESULT_FILE, JSON.stringify(result));
  if (files.length === 0) throw new Error(`no test files for suite ${result.suite} under ${__dirname}`);
  if (result.failed > 0) throw new Error(`${result.failed} host test(s) failed`);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 300);
}
