// The in-host half of the scale benchmark (test/bench/scale.bench.ts): the workbench loads it through
// `extensionTestsPath` beside the extension under development and calls run() in the extension host.
// It measures what only the extension host can see (diagnostics, the tree's rows, its heap) and talks
// to the outer half through files in COMPOSE_HEALTH_BENCH_DIR: it writes `<phase>.json` when a phase
// is done and waits for `go-<phase>` before the phases the outer half drives.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';

const EXTENSION_ID = 'compose-health.compose-health';
const dir = process.env.COMPOSE_HEALTH_BENCH_DIR ?? '';
const files = Number(process.env.COMPOSE_HEALTH_BENCH_FILES ?? 300);
const containers = Number(process.env.COMPOSE_HEALTH_BENCH_CONTAINERS ?? 1000);
const loadedAt = Date.now();

// Compose files with diagnostics, with the time each first got them (every generated file has a finding).
const diagnosed = new Map<string, number>();
const diagnosticsListener = vscode.languages.onDidChangeDiagnostics((e) => {
  for (const uri of e.uris) {
    if (uri.path.endsWith('/compose.yaml') && !diagnosed.has(uri.toString()) && vscode.languages.getDiagnostics(uri).length > 0) diagnosed.set(uri.toString(), Date.now());
  }
});

/** The extension host's V8 heap after a full garbage collection (the flag lets a fresh context reach gc()). */
function heapMb(): { usedAfterGc: number; used: number; total: number } {
  const used = process.memoryUsage().heapUsed;
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const after = process.memoryUsage();
  return { usedAfterGc: mb(after.heapUsed), used: mb(used), total: mb(after.heapTotal) };
}
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/** Polls `done` every 10 ms until it holds (no event says "this phase is over"), failing after `ms`. */
async function until(done: () => boolean, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function report(phase: string, data: object): void {
  writeFileSync(path.join(dir, `${phase}.json`), JSON.stringify(data));
}

export async function run(): Promise<void> {
  try {
    const extension = vscode.extensions.getExtension<ComposeHealthExports>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
    // 1. The check at start-up: from the moment the extension is seen active (its scan starts right
    // after activate() returns) to every compose file of the workspace having its diagnostics.
    const wasActive = extension.isActive;
    await until(() => extension.isActive, 'activation', 120_000);
    const activeAt = Date.now();
    await until(() => diagnosed.size >= files, `${files} compose files with diagnostics (have ${diagnosed.size})`, 300_000);
    const lastDiagnosed = Math.max(...diagnosed.values());
    report('check', {
      startupCheckMs: lastDiagnosed - activeAt,
      activeBeforeRun: wasActive,
      runLoadedToActiveMs: activeAt - loadedAt,
      heapAfterCheck: heapMb(),
    });

    // 2. "Check All Compose Files" again (forced: every file re-read, re-parsed, re-linted).
    let started = Date.now();
    await vscode.commands.executeCommand('composeHealth.lintWorkspace');
    report('forcedCheck', { forcedCheckMs: Date.now() - started });

    // 3. The tree: from opening the view (nothing was connected before) until the store holds every
    // container and the provider has asked VS Code to redraw with them; then every row, rendered once.
    const tree = extension.exports.tree;
    let refreshedAt = 0;
    let complete = false;
    const refreshed = tree.onDidRefresh(() => {
      if (complete && !refreshedAt) refreshedAt = Date.now();
    });
    started = Date.now();
    await vscode.commands.executeCommand('composeHealth.services.focus');
    await until(() => {
      complete ||= tree.store.state.engine.kind === 'connected' && tree.store.state.containers.size >= containers;
      return complete;
    }, `${containers} containers in the store`, 120_000);
    const storeFullMs = Date.now() - started;
    await until(() => refreshedAt > 0, 'the redraw with every container', 30_000);
    refreshed.dispose();
    const renderStarted = Date.now();
    const rows = await tree.render(3);
    const renderMs = Date.now() - renderStarted;
    const containerRows = rows.flatMap((p) => p.children ?? []).flatMap((s) => s.children ?? []).length;
    const summary = tree.store.summary();
    report('tree', { storeFullMs, redrawAskedMs: refreshedAt - started, renderAllRowsMs: renderMs, projects: rows.length, containerRows, summary, heapAfterTree: heapMb() });

    // 4. Idle, then health transitions: the outer half counts requests and measures rows; this waits.
    await until(() => existsSync(path.join(dir, 'go-finish')), 'the outer half to finish', 1_800_000);
    report('finish', { heapAtEnd: heapMb(), stats: tree.stats() });
  } catch (error) {
    report('error', { message: (error as Error).stack ?? String(error) });
    throw error;
  } finally {
    diagnosticsListener.dispose();
  }
}
