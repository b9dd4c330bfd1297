// Scale: 1,000 Compose containers (200 of them probing every second) and a workspace of 300 compose
// files, in code-server (VS Code 1.100) + Debian's chromium, the extension loaded from this repository.
// Figures: the check of the workspace at start-up (activation → diagnostics on all 300 files) and a
// forced "Check All Compose Files"; the initial tree (opening the view → every container in the store
// and the redraw asked for); health event → row re-rendered in the page (p50/p95); the extension
// host's heap; engine requests at idle (counted at the socket by a proxy).
// The outer half (this file) owns the engine, the workspace and the page; the in-host half
// (scale/inHost.ts) runs inside the extension host through `extensionTestsPath`; they talk through
// files in a folder of their own.
// The containers run on a private dockerd with its own bridge (chstartup0), all named chstartup-…, and
// are removed at the end with the daemon and its data root.
// With FLAPPING=100, a last phase sends FLAP_RATE (100) health events a second for FLAPPING containers,
// each turning healthy ↔ unhealthy in turn, for FLAP_MS, and measures event → row for the rows on screen
// (scale/flappingProxy.ts: this machine cannot run 100 real probes a second, so the events are made at
// the socket and the inspects they cause go to the real engine).
// Run: npm run bench -- scale   (CONTAINERS=1000 PROBING=200 FILES=300 IDLE_MS=60000 TRANSITIONS=20 FLAPPING=0)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { CountingProxy } from '../engine/health/countingProxy';
import { PrivateDockerd } from '../engine/health/privateDockerd';
import { IMAGE, createComposeContainer } from '../engine/health/support';
import { FlappingProxy } from './scale/flappingProxy';
import { flipHealth, followHealthEvents, loadHost, percentile, recordRows, repoRoot } from './workbench';

const CONTAINERS = Number(process.env.CONTAINERS ?? 1000);
const PROBING = Number(process.env.PROBING ?? 200);
const FILES = Number(process.env.FILES ?? 300);
const IDLE_MS = Number(process.env.IDLE_MS ?? 60_000);
const TRANSITIONS = Number(process.env.TRANSITIONS ?? 20);
/** Creation stops after this long (a busy shared machine); the figures then say how many containers ran. */
const CREATE_MS = Number(process.env.CREATE_MS ?? 900_000);
const FLAPPING = Number(process.env.FLAPPING ?? 0);
const FLAP_RATE = Number(process.env.FLAP_RATE ?? 100);
const FLAP_MS = Number(process.env.FLAP_MS ?? 30_000);
const SERVICES_PER_PROJECT = 10;
const PROJECTS = Math.ceil(CONTAINERS / SERVICES_PER_PROJECT);
const pad = (n: number) => String(n).padStart(3, '0');
const project = (p: number) => `chstartup-p${pad(p)}`;
const service = (p: number, k: number) => `s${pad(p)}x${k}`;
/** Exactly PROBING containers probe: the same number in every project, one more in the first PROBING % PROJECTS. */
const probing = (p: number, k: number) => k < Math.floor(PROBING / PROJECTS) + (p < PROBING % PROJECTS ? 1 : 0);
/**
 * The FLAPPING containers whose health the proxy flips: services 1–8 of the first projects (their rows
 * are on screen), never a probing one. They have a healthcheck that runs once an hour, so the engine
 * itself keeps them `starting` and never probes them during the benchmark.
 */
const FLAP_SERVICES = SERVICES_PER_PROJECT - 2;
const flapping = (p: number, k: number) => k >= 1 && k <= FLAP_SERVICES && !probing(p, k) && p * FLAP_SERVICES + (k - 1) < FLAPPING;
const FLAP_HEALTHCHECK = { test: ['CMD-SHELL', 'true'], intervalMs: 3_600_000 };
/** Whether a container of this benchmark, by its Compose labels, is one of the flapping ones. */
function flappingLabels(labels: Record<string, string>): boolean {
  const p = /^chstartup-p(\d+)$/.exec(labels['com.docker.compose.project'] ?? '');
  return p !== null && flapping(Number(p[1]), Number((labels['com.docker.compose.service'] ?? '').split('x')[1]));
}

/** app<NNN>/compose.yaml; the first PROJECTS are the running projects. Each has one finding (curl without --fail). */
function composeFile(p: number): string {
  const lines = [`name: ${project(p)}`, 'services:'];
  for (let k = 0; k < SERVICES_PER_PROJECT; k++) {
    lines.push(`  ${service(p, k)}:`, `    image: ${IMAGE}`);
    if (probing(p, k)) {
      lines.push('    command: ["sh", "-c", "touch /tmp/ok; exec sleep 3600"]', '    healthcheck:', '      test: ["CMD-SHELL", "test -f /tmp/ok"]', '      interval: 1s', '      retries: 1');
    } else if (flapping(p, k)) {
      lines.push('    command: ["sleep", "3600"]', '    healthcheck:', '      test: ["CMD-SHELL", "true"]', '      interval: 1h', '      retries: 1');
    } else if (k === SERVICES_PER_PROJECT - 1) {
      lines.push('    healthcheck:', '      test: curl http://localhost/health');
    } else {
      lines.push('    command: ["sleep", "3600"]');
    }
  }
  return `${lines.join('\n')}\n`;
}

async function inParallel<T>(items: T[], workers: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: workers }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

/** Polls for a phase file of the in-host half (no event crosses the process boundary), failing after `ms`. */
async function phase(dir: string, name: string, ms: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const error = path.join(dir, 'error.json');
    if (existsSync(error)) throw new Error(`in-host half failed: ${JSON.parse(readFileSync(error, 'utf8')).message}`);
    const file = path.join(dir, `${name}.json`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    if (Date.now() > deadline) throw new Error(`no ${name} phase within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A health change of a target row: the engine's event time and when the row showed it in the page. */
interface Transition {
  key: string;
  health: string;
  eventMs: number;
  renderMs: number;
}

/** What the in-host half (scale/inHost.ts) recorded: see HopRecord there. */
interface HopRecord {
  hop: 'dispatch' | 'refresh' | 'item';
  ms: number;
  key?: string;
  health?: string;
}

/**
 * Where each transition's time went, joined by time (one clock: same machine): the engine's event →
 * the store took it in the extension host → the coalesced redraw request → VS Code fetched the row
 * (getTreeItem) → the row's text changed in the page. p50/p95 per hop.
 */
function hopTable(transitions: Transition[], records: HopRecord[]): string {
  const hops: Record<string, number[]> = { 'engine event → store (event read in the extension host)': [], 'store → redraw request (coalescer, provider)': [], 'redraw request → VS Code fetches the row': [], 'row fetched → row changed in the page': [], 'total event → row': [] };
  const names = Object.keys(hops);
  let unmatched = 0;
  for (const t of transitions) {
    // Date.now() in the host is whole milliseconds; the event's timeNano is not.
    const dispatch = records.find((r) => r.hop === 'dispatch' && r.key === t.key && r.health === t.health && r.ms >= Math.floor(t.eventMs));
    const refresh = dispatch && records.find((r) => r.hop === 'refresh' && r.ms >= dispatch.ms);
    const item = refresh && records.find((r) => r.hop === 'item' && r.key === t.key && r.ms >= refresh.ms);
    if (!dispatch || !refresh || !item || item.ms > t.renderMs) {
      unmatched++;
      continue;
    }
    hops[names[0]].push(dispatch.ms - t.eventMs);
    hops[names[1]].push(refresh.ms - dispatch.ms);
    hops[names[2]].push(item.ms - refresh.ms);
    hops[names[3]].push(t.renderMs - item.ms);
    hops[names[4]].push(t.renderMs - t.eventMs);
  }
  const lines = Object.entries(hops).map(([name, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length === 0 ? `  ${name}: no data` : `  ${name}: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`;
  });
  return `HOPS of ${transitions.length - unmatched} transitions (${unmatched} not matched hop by hop):\n${lines.join('\n')}`;
}

/**
 * FLAP_RATE health events a second over the FLAPPING containers for FLAP_MS; event → row for every
 * event of a row on screen (each row's texts recorded in the page). An event whose row did not show
 * it before the container's next event counts as missed.
 */
async function flap(engine: Docker, page: import('playwright-core').Page, proxy: FlappingProxy): Promise<Transition[]> {
  const listed = await engine.listContainers({ filters: { label: ['com.docker.compose.project'] } });
  const containers = listed
    .filter((c) => flappingLabels(c.Labels))
    .map((c) => ({ id: c.Id, name: c.Names[0].replace(/^\//, ''), image: c.Image, labels: c.Labels }));
  await page.evaluate(`(() => {
    window.__rows = [];
    const last = new Map();
    const check = () => {
      const now = Date.now();
      for (const row of document.querySelectorAll('.pane-body .monaco-list-row')) {
        const name = row.querySelector('.label-name')?.textContent ?? '';
        const text = row.querySelector('.label-description')?.textContent ?? '';
        if (last.get(name) !== text) {
          last.set(name, text);
          window.__rows.push({ name, text, ms: now });
        }
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    check();
  })()`);
  const from = proxy.requests.length;
  const sentFrom = proxy.sent.length;
  console.log(`flapping ${containers.length} containers, ${FLAP_RATE} health events a second, for ${FLAP_MS / 1000} s…`);
  proxy.startFlapping(containers, FLAP_RATE);
  await new Promise((resolve) => setTimeout(resolve, FLAP_MS));
  proxy.stopFlapping();
  // The last events' rows get a moment to show them.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rows = (await page.evaluate('window.__rows')) as Array<{ name: string; text: string; ms: number }>;
  const sent = proxy.sent.slice(sentFrom);
  const onScreen = new Set(rows.map((r) => r.name));
  const latencies: number[] = [];
  const transitions: Transition[] = [];
  let missed = 0;
  sent.forEach((event, i) => {
    if (!onScreen.has(event.service)) return;
    const next = sent.slice(i + 1).find((e) => e.id === event.id);
    const render = rows.find((r) => r.name === event.service && r.text === event.health && r.ms >= Math.floor(event.ms) && (!next || r.ms < next.ms));
    if (!render) {
      missed++;
      return;
    }
    latencies.push(render.ms - event.ms);
    transitions.push({ key: `${project(Number(event.service.slice(1, 4)))}/${event.service}`, health: event.health, eventMs: event.ms, renderMs: render.ms });
  });
  const sorted = [...latencies].sort((a, b) => a - b);
  const seconds = (sent.at(-1)!.ms - sent[0].ms) / 1000;
  console.log(
    `FLAP ${sent.length} health events in ${seconds.toFixed(1)} s (${(sent.length / seconds).toFixed(0)} a second) over ${containers.length} containers; ${latencies.length + missed} of them on rows on screen: ` +
      (sorted.length ? `event → row p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms` : 'none shown') +
      `, ${missed} never shown before the next; requests ${JSON.stringify(proxy.tally(from))}`,
  );
  return transitions;
}

// Ctrl-C or a kill still removes the containers and the daemon.
let stopping = false;
let stop: () => void = () => undefined;
const stopped = new Promise<never>((_, reject) => (stop = () => reject(new Error('stopped by a signal'))));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = true;
    stop();
  });
}

async function main(): Promise<void> {
  await Promise.race([measure(), stopped]).finally(() => cleanup());
}

const cleanups: Array<() => Promise<unknown>> = [];
let scratch = '';

async function cleanup(): Promise<void> {
  for (const step of cleanups.reverse()) await step().catch((error) => console.error(`cleanup: ${error.message}`));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

async function measure(): Promise<void> {
  const host = await loadHost();
  scratch = mkdtempSync('/tmp/chstartup-scale-');
  const workspace = path.join(scratch, 'ws');
  const benchDir = path.join(scratch, 'phases');
  mkdirSync(benchDir, { recursive: true });
  for (let p = 0; p < FILES; p++) {
    mkdirSync(path.join(workspace, `app${pad(p)}`), { recursive: true });
    writeFileSync(path.join(workspace, `app${pad(p)}`, 'compose.yaml'), composeFile(p));
  }
  const daemon = new PrivateDockerd('chstartup-benchd', 'chstartup0', '10.213.91.1/24');
  const proxy = FLAPPING > 0 ? new FlappingProxy(path.join(scratch, 'proxy.sock'), daemon.socket) : new CountingProxy(path.join(scratch, 'proxy.sock'), daemon.socket);
  let docker: Docker | undefined;
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  try {
    await daemon.start();
    cleanups.push(() => daemon.dispose());
    await daemon.loadTestImage();
    docker = daemon.docker();
    const engine = docker;
    console.log(`creating ${CONTAINERS} Compose containers in ${PROJECTS} projects (${PROBING} probing every second)… [${elapsed()}]`);
    const specs = Array.from({ length: CONTAINERS }, (_, i) => ({ p: Math.floor(i / SERVICES_PER_PROJECT), k: i % SERVICES_PER_PROJECT }));
    let created = 0;
    cleanups.push(async () => {
      // Removed explicitly (then the daemon and its data root go too).
      const all = await engine.listContainers({ all: true, filters: { label: ['com.docker.compose.project'] } });
      await inParallel(all, 8, (c) => engine.getContainer(c.Id).remove({ force: true }).then(() => undefined, () => undefined));
      console.log(`removed ${all.length} containers [${elapsed()}]`);
    });
    // The ones that probe start last, so their probes do not slow down creating the others.
    specs.sort((a, b) => Number(probing(a.p, a.k)) - Number(probing(b.p, b.k)));
    const createUntil = Date.now() + CREATE_MS;
    await inParallel(specs, 6, async ({ p, k }) => {
      if (Date.now() > createUntil || stopping) return;
      const c = await createComposeContainer(engine, {
        project: project(p),
        service: service(p, k),
        workingDir: path.join(workspace, `app${pad(p)}`),
        cmd: probing(p, k) ? ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'] : ['sleep', '3600'],
        healthcheck: probing(p, k) ? { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 1000 } : flapping(p, k) ? FLAP_HEALTHCHECK : undefined,
      });
      await c.start();
      if (++created % 100 === 0) console.log(`  ${created} running [${elapsed()}]`);
    });
    const running = (await engine.listContainers({ filters: { label: ['com.docker.compose.project'] } })).length;
    // The flapping containers have a healthcheck too, but it never runs here (they stay `starting`).
    const probingRunning = (await engine.listContainers({ filters: { health: ['starting', 'healthy', 'unhealthy'], label: ['com.docker.compose.project'] } })).filter((c) => !flappingLabels(c.Labels)).length;
    if (running < CONTAINERS) console.log(`only ${running} of ${CONTAINERS} containers started within CREATE_MS=${CREATE_MS} ms; measuring with those`);
    // Every probing container healthy before the workbench starts (polled: one figure, no event for "all").
    for (const deadline = Date.now() + 300_000; ; ) {
      const healthy = (await engine.listContainers({ filters: { health: ['healthy'], label: ['com.docker.compose.project'] } })).length;
      if (healthy >= probingRunning) break;
      if (Date.now() > deadline) {
        // The engine cannot keep up with this many probes here (each is a runc exec): measure anyway.
        console.log(`only ${healthy} of ${probingRunning} probing containers became healthy within 300 s; measuring anyway`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    console.log(`${running} running, ${probingRunning} probing every second [${elapsed()}]`);

    await proxy.listen();
    cleanups.push(() => proxy.close());
    const server = await host.startCodeServer({
      workspace,
      env: {
        DOCKER_HOST: proxy.url,
        COMPOSE_HEALTH_BENCH_DIR: benchDir,
        COMPOSE_HEALTH_BENCH_FILES: String(FILES),
        COMPOSE_HEALTH_BENCH_CONTAINERS: String(running),
        COMPOSE_HEALTH_BENCH_HOP_TARGETS: [`${project(0)}/${service(0, 0)}`, ...Array.from({ length: FLAP_SERVICES }, (_, k) => `${project(0)}/${service(0, k + 1)}`)].join(','),
      },
    });
    cleanups.push(() => server.stop());
    const browser = await host.launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let exitCode: number | undefined;
    await page.exposeFunction('codeAutomationExit', (code: number) => (exitCode = code));
    await page.goto(host.workbenchUrl({ ...server, workspace, extensionPath: repoRoot, testsPath: path.join(repoRoot, 'out/test/bench/scale/inHost.js') }));

    const check = await phase(benchDir, 'check', 600_000);
    console.log(`CHECK at start-up, ${FILES} files: ${check.startupCheckMs} ms from activation to the last file's diagnostics ${JSON.stringify(check)}`);
    const forced = await phase(benchDir, 'forcedCheck', 600_000);
    console.log(`CHECK forced (Check All Compose Files), ${FILES} files: ${forced.forcedCheckMs} ms; the same steps timed one by one: ${JSON.stringify(forced.breakdown)}`);
    const treeFrom = proxy.requests.length;
    const tree = await phase(benchDir, 'tree', 600_000);
    console.log(`TREE ${running} containers: ${tree.storeFullAfterActivationMs} ms from activation to every container and file in the store (the view never opened), then ${tree.openAndRenderMs} ms to open the view and render every row ${JSON.stringify(tree)}; requests ${JSON.stringify(proxy.tally(treeFrom))}`);
    await host.screenshot(page, 'scale-tree');

    // Idle: probes keep running (exec events, which the extension's events filter leaves out), nothing changes.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleFrom = proxy.requests.length;
    console.log(`idle for ${IDLE_MS / 1000} s… [${elapsed()}]`);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    console.log(`IDLE ${IDLE_MS / 1000} s: ${proxy.requests.length - idleFrom} engine requests ${JSON.stringify(proxy.tally(idleFrom))}`);

    // Health event → row, on the first project's first probing service (a visible row).
    const targetName = service(0, 0);
    const target = engine.getContainer(`${project(0)}-${targetName}-1`);
    const targetId = (await target.inspect()).Id;
    const health = await followHealthEvents(engine, { container: [targetId] });
    cleanups.push(async () => health.close());
    const rows = await recordRows(page, targetName);
    const latencies: number[] = [];
    const transitions: Transition[] = [];
    for (let i = 0; i < TRANSITIONS; i++) {
      const want = i % 2 === 0 ? 'unhealthy' : 'healthy';
      const { event, render } = await flipHealth({ container: target, want, events: health.events, rows, row: 0, deadlineMs: 60_000 });
      if (!event || !render) throw new Error(`transition ${i} to ${want}: event ${JSON.stringify(event)}, render ${JSON.stringify(render)}, renders ${JSON.stringify(await rows.renders())}`);
      latencies.push(render.ms - event.ms);
      transitions.push({ key: `${project(0)}/${targetName}`, health: want, eventMs: event.ms, renderMs: render.ms });
      await rows.clear();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`LATENCY health_status event → row, ${sorted.length} transitions among ${running} containers: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (all: ${latencies.map((l) => l.toFixed(0)).join(' ')})`);

    const flapFrom = Date.now();
    const flapped = proxy instanceof FlappingProxy ? await flap(engine, page, proxy) : [];
    const flapTo = Date.now();

    writeFileSync(path.join(benchDir, 'go-finish'), '');
    const finish = await phase(benchDir, 'finish', 120_000);
    console.log(hopTable(transitions, finish.hops as HopRecord[]));
    if (flapped.length > 0) {
      console.log(`flapping, ${FLAP_RATE} events a second: ${hopTable(flapped, finish.hops as HopRecord[])}`);
      // The extension host's CPU share while flapping, from its own samples (one a second).
      const cpu = finish.cpu as Array<{ ms: number; cpuMs: number }>;
      const first = cpu.find((c) => c.ms >= flapFrom);
      const last = [...cpu].reverse().find((c) => c.ms <= flapTo);
      if (first && last && last.ms > first.ms) console.log(`CPU of the extension host while flapping: ${((100 * (last.cpuMs - first.cpuMs)) / (last.ms - first.ms)).toFixed(0)} % of one core`);
    }
    console.log(`HEAP of the extension host (MB, after a full GC): after the check ${JSON.stringify((check.heapAfterCheck as { usedAfterGc: number }).usedAfterGc)}, after the tree ${JSON.stringify((tree.heapAfterTree as { usedAfterGc: number }).usedAfterGc)}, at the end ${JSON.stringify(finish.heapAtEnd)}; tree stats ${JSON.stringify(finish.stats)}; workbench exit ${exitCode}`);
  } finally {
    console.log(`measured [${elapsed()}]; removing the containers and the daemon`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
