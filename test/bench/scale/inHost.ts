// The in-host half of the scale benchmark (test/bench/scale.bench.ts): the workbench loads it through
// `extensionTestsPath` beside the extension under development and calls run() in the extension host.
// It measures what only the extension host can see (diagnostics, the tree's rows, its heap) and talks
// to the outer half through files in COMPOSE_HEALTH_BENCH_DIR: it writes `<phase>.json` when a phase
// is done and waits for `go-<phase>` before the phases the outer half drives.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { COMPOSE_FILE_GLOB } from '../../../src/core/compose/files';
import { lintText } from '../../../src/core/lint';
import type { ComposeHealthExports } from '../../../src/extension';


const EXTENSION_ID = 'compose-health.compose-health';
const dir = process.env.COMPOSE_HEALTH_BENCH_DIR ?? '';
const files = Number(process.env.COMPOSE_HEALTH_BENCH_FILES ?? 300);
const containers = Number(process.env.COMPOSE_HEALTH_BENCH_CONTAINERS ?? 1000);
/** Services (`project/service`) whose health changes are timed hop by hop. */
const hopTargets = new Set((process.env.COMPOSE_HEALTH_BENCH_HOP_TARGETS ?? '').split(',').filter(Boolean));
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

/**
 * Where a workspace check's time goes: the same steps as the diagnostics manager's scan (find the
 * files, stat and read each through vscode.workspace.fs one after the other, parse and lint, publish),
 * each timed on its own.
 */
async function checkBreakdown(): Promise<Record<string, number>> {
  let t = Date.now();
  const uris = await vscode.workspace.findFiles(COMPOSE_FILE_GLOB);
  const findFilesMs = Date.now() - t;
  t = Date.now();
  const texts: string[] = [];
  for (const uri of uris) {
    await vscode.workspace.fs.stat(uri);
    texts.push(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  }
  const statAndReadSequentialMs = Date.now() - t;
  t = Date.now();
  await Promise.all(uris.map((uri) => vscode.workspace.fs.stat(uri).then(() => vscode.workspace.fs.readFile(uri))));
  const statAndReadConcurrentMs = Date.now() - t;
  t = Date.now();
  const findings = texts.map((text, i) => lintText(text, { fileName: uris[i].fsPath }));
  const parseAndLintMs = Date.now() - t;
  t = Date.now();
  const collection = vscode.languages.createDiagnosticCollection('compose-health-bench');
  uris.forEach((uri, i) => collection.set(uri, findings[i].map((f) => new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), f.message))));
  const publishMs = Date.now() - t;
  collection.dispose();
  return { files: uris.length, findFilesMs, statAndReadSequentialMs, statAndReadConcurrentMs, parseAndLintMs, publishMs };
}

/** The extension host process's CPU time (user + system) used so far, at a moment. */
interface CpuSample {
  ms: number;
  cpuMs: number;
}

/** One hop of a target service's health change, as the extension host saw it. */
interface HopRecord {
  /** dispatch: the store took the event (the monitor dispatches as the event is read, so also its arrival); refresh: the coalesced redraw request; item: VS Code fetched the row. */
  hop: 'dispatch' | 'refresh' | 'item';
  ms: number;
  key?: string;
  health?: string;
}

/**
 * Timestamps, for the target services, every store change that names them (with their health then),
 * every redraw request, and every time VS Code fetches their row. Listeners only: the store's change
 * event fires synchronously inside dispatch, the redraw event right after the provider's, and
 * `onDidGetTreeItem` as the provider returns the row.
 */
function recordHops(tree: ComposeHealthExports['tree']): vscode.Disposable & { records: HopRecord[]; cpu: CpuSample[] } {
  const records: HopRecord[] = [];
  // The extension host's own CPU time, sampled each second: the outer half works out its share during a phase.
  const cpu: CpuSample[] = [];
  const sample = () => {
    const { user, system } = process.cpuUsage();
    cpu.push({ ms: Date.now(), cpuMs: (user + system) / 1000 });
  };
  sample();
  const sampler = setInterval(sample, 1000);
  const idOf = new Map<string, string>();
  for (const c of tree.store.state.containers.values()) {
    const key = `${c.compose.project}/${c.compose.service}`;
    if (hopTargets.has(key)) idOf.set(key, c.id);
  }
  const listeners = [
    tree.store.onDidChange((change) => {
      const ms = Date.now();
      for (const key of change.services) {
        if (hopTargets.has(key)) records.push({ hop: 'dispatch', ms, key, health: tree.store.state.containers.get(idOf.get(key) ?? '')?.health });
      }
    }),
    tree.onDidRefresh(() => records.push({ hop: 'refresh', ms: Date.now() })),
    tree.onDidGetTreeItem((id) => {
      const key = id.startsWith('service:') ? id.slice('service:'.length) : '';
      if (hopTargets.has(key)) records.push({ hop: 'item', ms: Date.now(), key });
    }),
  ];
  return {
    records,
    cpu,
    dispose: () => {
      clearInterval(sampler);
      listeners.forEach((l) => l.dispose());
    },
  };
}

function report(phase: string, data: object): void {
  // Written aside, then renamed: the outer half never reads half a file.
  const file = path.join(dir, `${phase}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(data));
  renameSync(`${file}.tmp`, file);
}

export async function run(): Promise<void> {
  try {
    const extension = vscode.extensions.getExtension<ComposeHealthExports>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
    // 1. The check at start-up: from the moment the extension is seen active (its scan starts right
    // after activate() returns) to every compose file of the workspace having its diagnostics.
    const wasActive = extension.isActive;
    // Diagnostics published before this module was loaded count as seen now.
    for (const [uri, list] of vscode.languages.getDiagnostics()) {
      if (uri.path.endsWith('/compose.yaml') && list.length > 0 && !diagnosed.has(uri.toString())) diagnosed.set(uri.toString(), loadedAt);
    }
    await until(() => extension.isActive, 'activation', 120_000);
    const activeAt = Date.now();
    let storeFullAt = 0;
    const storeFull = () => {
      const state = extension.exports.tree.store.state;
      if (!storeFullAt && [...state.engines.values()][0]?.kind === 'connected' && state.containers.size >= containers && state.workspaceFiles.size >= files) storeFullAt = Date.now();
    };
    storeFull();
    const storeListener = extension.exports.tree.store.onDidChange(storeFull);
    await until(() => diagnosed.size >= files, `${files} compose files with diagnostics (have ${diagnosed.size})`, 300_000);
    const lastDiagnosed = Math.max(...diagnosed.values());
    const sorted = [...diagnosed.values()].sort((a, b) => a - b);
    report('check', {
      startupCheckMs: lastDiagnosed - activeAt,
      // When the files got their diagnostics: a late first one means the search or the first read waited, a spread the reads.
      firstDiagnosedMs: sorted[0] - activeAt,
      halfDiagnosedMs: sorted[Math.floor(sorted.length / 2)] - activeAt,
      activeBeforeRun: wasActive,
      runLoadedToActiveMs: activeAt - loadedAt,
      heapAfterCheck: heapMb(),
    });

    // 2. "Check All Compose Files" again (forced: every file re-read, re-parsed, re-linted).
    let started = Date.now();
    await vscode.commands.executeCommand('composeHealth.lintWorkspace');
    const forcedCheckMs = Date.now() - started;
    report('forcedCheck', { forcedCheckMs, breakdown: await checkBreakdown() });

    // 3. The tree. The connection starts by itself once a compose file is found (the status bar
    // summarises without the view), so the store fills during the check above: the figure is from
    // activation to the store holding every container and every compose file's services (those without
    // a container show as "not created"), then opening the view and rendering every row the way VS
    // Code asks the provider for them.
    const tree = extension.exports.tree;
    await until(() => storeFullAt > 0, `${containers} containers and ${files} files in the store`, 120_000);
    started = Date.now();
    await vscode.commands.executeCommand('composeHealth.services.focus');
    const rows = await tree.render(3);
    const openAndRenderMs = Date.now() - started;
    const containerRows = rows.flatMap((p) => p.children ?? []).flatMap((s) => s.children ?? []).length;
    const summary = tree.store.summary();
    report('tree', { storeFullAfterActivationMs: storeFullAt - activeAt, openAndRenderMs, projects: rows.length, containerRows, summary, heapAfterTree: heapMb() });

    // 4. Idle, then health transitions: the outer half counts requests and measures rows; this times
    // the hops inside the extension host that the outer half cannot see (joined there by time).
    const hops = recordHops(tree);
    await until(() => existsSync(path.join(dir, 'go-finish')), 'the outer half to finish', 1_800_000);
    storeListener.dispose();
    hops.dispose();
    report('finish', { heapAtEnd: heapMb(), stats: tree.stats(), hops: hops.records, cpu: hops.cpu });
  } catch (error) {
    report('error', { message: (error as Error).stack ?? String(error) });
    throw error;
  } finally {
    diagnosticsListener.dispose();
  }
}
