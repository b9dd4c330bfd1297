// Three engines in one Services view: the system's Engine 20.10, Engine 26 (test/support/engine26.mjs)
// and a private dockerd of the benchmark's own, each behind a counting proxy and listed in the
// workspace's composeHealth.engines. code-server (VS Code 1.100) + Debian's chromium run the extension
// from this repository, as tree-latency does. Figures:
//   1. health event → row: each transition is caused on one engine in turn (an exec that removes or
//      restores the file the check tests); the event's engine time comes from an events stream of the
//      benchmark's own, the render time from a MutationObserver in the page (same machine, same clock).
//   2. idle: with every check passing every 100 ms on all three engines, the requests the extension
//      makes to each engine during IDLE_MS.
// Run: npm run bench -- multi-engine   (TRANSITIONS=60, IDLE_MS=30000 by default)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { JsonLineSplitter } from '../../src/core/engine/parse';
import { CountingProxy } from '../engine/health/countingProxy';
import { PrivateDockerd } from '../engine/health/privateDockerd';
import { createComposeContainer, dockerAt, exec, removeProject } from '../engine/health/support';

const TRANSITIONS = Number(process.env.TRANSITIONS ?? 60);
const IDLE_MS = Number(process.env.IDLE_MS ?? 30_000);
const PROJECT = 'chmulti14bench';
const repoRoot = path.resolve(__dirname, '../../..');
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Record<string, (...args: never[]) => unknown>>;

interface Host {
  startCodeServer(o: { workspace: string }): Promise<{ url: string; port: number; stop(): Promise<void> }>;
  workbenchUrl(o: { url: string; port: number; workspace: string; extensionPath: string }): string;
  launchChromium(): Promise<import('playwright-core').Browser>;
}

interface BenchEngine {
  name: string;
  docker: Docker;
  proxy: CountingProxy;
  web?: Docker.Container;
  events: Array<{ status: string; ms: number }>;
  stream?: Readable;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const host = (await importEsm(path.join(repoRoot, 'test/support/host.mjs'))) as unknown as Host;
  const third = new PrivateDockerd('chmulti14-benchd', 'chmulti14b0', '10.213.141.1/24');
  await third.start();
  await third.loadTestImage();
  const sockets: Array<[string, string]> = [
    ['Engine 20.10', '/var/run/docker.sock'],
    ['Engine 26', '/run/compose-health-engine26/docker.sock'],
    ['private dockerd', third.socket],
  ];
  const engines: BenchEngine[] = sockets.map(([name, socket], i) => ({
    name,
    docker: dockerAt(`unix://${socket}`),
    proxy: new CountingProxy(`/tmp/chmulti14-bench-${i}.sock`, socket),
    events: [],
  }));
  const workspace = mkdtempSync('/tmp/chmulti14-bench-ws-');
  mkdirSync(path.join(workspace, '.vscode'));
  writeFileSync(path.join(workspace, 'compose.yaml'), `name: ${PROJECT}\nservices:\n  web:\n    image: compose-health/busybox:test\n    healthcheck:\n      test: ["CMD-SHELL", "test -f /tmp/ok"]\n      interval: 100ms\n      retries: 1\n`);
  // Only this workspace's project: the shared engines carry other work's projects too.
  writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({ 'composeHealth.engines': engines.map((e) => e.proxy.url), 'composeHealth.tree.projects': 'workspace' }, null, 2));

  const server = await host.startCodeServer({ workspace });
  const browser = await host.launchChromium();
  try {
    for (const e of engines) {
      await e.proxy.listen();
      await removeProject(e.docker, PROJECT);
      e.web = await createComposeContainer(e.docker, {
        project: PROJECT,
        service: 'web',
        workingDir: workspace,
        cmd: ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'],
        healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 100 },
      });
      await e.web.start();
      e.stream = (await e.docker.getEvents({ filters: { type: ['container'], event: ['health_status'], container: [e.web.id] } })) as unknown as Readable;
      const splitter = new JsonLineSplitter();
      e.stream.on('data', (chunk: Buffer) => {
        for (const m of splitter.push(chunk.toString()) as Array<{ Action: string; timeNano: number }>) e.events.push({ status: m.Action.split(': ')[1], ms: m.timeNano / 1e6 });
      });
    }

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.workbenchUrl({ ...server, workspace, extensionPath: repoRoot }));
    await page.locator('.activitybar [aria-label^="Compose Health"]').first().click({ timeout: 60_000 });
    // The three engines' `web` rows, in the tree's order (the setting's): engine i's is the i-th.
    await page.waitForFunction(
      `[...document.querySelectorAll('.pane-body .monaco-list-row')].filter((r) => r.querySelector('.label-name')?.textContent === 'web' && r.querySelector('.label-description')?.textContent === 'healthy').length === 3`,
      undefined,
      { timeout: 90_000 },
    ).catch(async (error: Error) => {
      await page.screenshot({ path: path.join(repoRoot, '.test-artifacts/multi-engine-failed.png') });
      throw error;
    });
    mkdirSync(path.join(repoRoot, '.test-artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, '.test-artifacts/multi-engine-start.png') });

    await page.evaluate(`(() => {
      window.__renders = [];
      let last = [];
      const check = () => {
        const rows = [...document.querySelectorAll('.pane-body .monaco-list-row')].filter((r) => r.querySelector('.label-name')?.textContent === 'web');
        rows.forEach((row, i) => {
          const text = row.querySelector('.label-description')?.textContent ?? '';
          if (text !== last[i]) {
            last[i] = text;
            window.__renders.push({ engine: i, text, ms: Date.now() });
          }
        });
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      check();
    })()`);
    const renders = () => page.evaluate('window.__renders') as Promise<Array<{ engine: number; text: string; ms: number }>>;

    const latencies: number[][] = engines.map(() => []);
    const requestsBefore = engines.map((e) => e.proxy.requests.length);
    for (let i = 0; i < TRANSITIONS; i++) {
      const n = i % engines.length;
      const e = engines[n];
      const target = Math.floor(i / engines.length) % 2 === 0 ? 'unhealthy' : 'healthy';
      const eventsBefore = e.events.length;
      await exec(e.web!, target === 'unhealthy' ? ['rm', '/tmp/ok'] : ['touch', '/tmp/ok']);
      const deadline = Date.now() + 20_000;
      let event: { status: string; ms: number } | undefined;
      let render: { text: string; ms: number } | undefined;
      while (Date.now() < deadline && !(event && render)) {
        event = e.events.slice(eventsBefore).find((x) => x.status === target);
        const seen = await renders();
        render = event ? seen.find((r) => r.engine === n && r.text === target && r.ms >= event!.ms - 1000) : undefined;
        if (!(event && render)) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (!event || !render) throw new Error(`transition ${i} on ${e.name} to ${target}: event ${JSON.stringify(event)}, render ${JSON.stringify(render)}`);
      latencies[n].push(render.ms - event.ms);
      await page.evaluate('window.__renders.length = 0');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await page.screenshot({ path: path.join(repoRoot, '.test-artifacts/multi-engine-end.png') });
    const all = latencies.flat().sort((a, b) => a - b);
    console.log(`LATENCY health_status event → row re-rendered, ${all.length} transitions over ${engines.length} engines: p50 ${percentile(all, 50).toFixed(0)} ms, p95 ${percentile(all, 95).toFixed(0)} ms, max ${all.at(-1)!.toFixed(0)} ms`);
    engines.forEach((e, n) => {
      const sorted = [...latencies[n]].sort((a, b) => a - b);
      console.log(`  ${e.name}: ${sorted.length} transitions, p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms; requests during the transitions ${JSON.stringify(e.proxy.tally(requestsBefore[n]))}`);
    });

    // Idle: every check keeps passing every 100 ms; nothing should be asked of any engine.
    const idleFrom = engines.map((e) => e.proxy.requests.length);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    engines.forEach((e, n) => console.log(`IDLE ${e.name}: ${e.proxy.requests.length - idleFrom[n]} requests in ${IDLE_MS / 1000} s ${JSON.stringify(e.proxy.tally(idleFrom[n]))}`));
    console.log(`  events streams opened per engine: ${engines.map((e) => e.proxy.requests.filter((r) => /^GET (\/v[\d.]+)?\/events$/.test(r)).length).join(', ')}`);
  } finally {
    for (const e of engines) {
      e.stream?.destroy();
      await removeProject(e.docker, PROJECT);
    }
    await browser.close();
    await server.stop();
    for (const e of engines) await e.proxy.close();
    await third.dispose();
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
