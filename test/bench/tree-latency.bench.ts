// Latency from the engine's `health_status` event to the Services view's row re-rendered in the UI:
// code-server (VS Code 1.100) + Debian's chromium through playwright-core, the extension loaded from
// this repository, the project of test/fixtures/tree run as labelled containers. Each transition is
// caused by an exec that removes or restores the file the check tests; the event's engine time
// (timeNano) is taken from an events stream of the benchmark's own, the render time from a
// MutationObserver in the page (same machine, same clock). Transitions are spaced 300 ms apart.
// Run: npm run bench -- tree-latency   (TRANSITIONS=50 by default)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { JsonLineSplitter } from '../../src/core/engine/parse';
import { createComposeContainer, dockerAt, exec, removeProject } from '../engine/health/support';

const TRANSITIONS = Number(process.env.TRANSITIONS ?? 50);
const PROJECT = 'chtreehost';
const repoRoot = path.resolve(__dirname, '../../..');
// tsc turns import() into require(), which cannot load the launcher's ES modules.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Record<string, (...args: never[]) => unknown>>;

interface Host {
  startCodeServer(o: { workspace: string }): Promise<{ url: string; port: number; stop(): Promise<void> }>;
  workbenchUrl(o: { url: string; port: number; workspace: string; extensionPath: string }): string;
  launchChromium(): Promise<import('playwright-core').Browser>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const host = (await importEsm(path.join(repoRoot, 'test/support/host.mjs'))) as unknown as Host;
  const docker = dockerAt();
  const workspace = path.join(repoRoot, 'test/fixtures/tree');
  await removeProject(docker, PROJECT);
  const web = await createComposeContainer(docker, {
    project: PROJECT,
    service: 'web',
    workingDir: workspace,
    cmd: ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'],
    healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 100 },
  });
  await web.start();

  // The benchmark's own view of the engine's health events for this container.
  const healthEvents: Array<{ status: string; ms: number }> = [];
  const stream = (await docker.getEvents({ filters: { type: ['container'], event: ['health_status'], container: [web.id] } })) as unknown as Readable;
  const splitter = new JsonLineSplitter();
  stream.on('data', (chunk: Buffer) => {
    for (const m of splitter.push(chunk.toString()) as Array<{ Action: string; timeNano: number }>) healthEvents.push({ status: m.Action.split(': ')[1], ms: m.timeNano / 1e6 });
  });

  const server = await host.startCodeServer({ workspace });
  const browser = await host.launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.workbenchUrl({ ...server, workspace, extensionPath: repoRoot }));
    await page.locator('.activitybar [aria-label^="Compose Health"]').first().click({ timeout: 60_000 });
    const webRow = page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^web$/ }) });
    await webRow.locator('.label-description', { hasText: 'healthy' }).waitFor({ timeout: 60_000 });
    mkdirSync(path.join(repoRoot, '.test-artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, '.test-artifacts/tree-latency-start.png') });

    // Records every text the web row's description takes, with the page's wall-clock time. (A string:
    // it runs in the page, and this project compiles without the DOM typings.)
    await page.evaluate(`(() => {
      window.__renders = [];
      let last = '';
      const check = () => {
        const row = [...document.querySelectorAll('.pane-body .monaco-list-row')].find((r) => r.querySelector('.label-name')?.textContent === 'web');
        const text = row?.querySelector('.label-description')?.textContent ?? '';
        if (text !== last) {
          last = text;
          window.__renders.push({ text, ms: Date.now() });
        }
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      check();
    })()`);
    const renders = () => page.evaluate('window.__renders') as Promise<Array<{ text: string; ms: number }>>;

    const latencies: number[] = [];
    for (let i = 0; i < TRANSITIONS; i++) {
      const target = i % 2 === 0 ? 'unhealthy' : 'healthy';
      const eventsBefore = healthEvents.length;
      await exec(web, target === 'unhealthy' ? ['rm', '/tmp/ok'] : ['touch', '/tmp/ok']);
      const deadline = Date.now() + 20_000;
      let event: { status: string; ms: number } | undefined;
      let render: { text: string; ms: number } | undefined;
      while (Date.now() < deadline && !(event && render)) {
        event = healthEvents.slice(eventsBefore).find((e) => e.status === target);
        const seen = await renders();
        render = event ? seen.find((r) => r.text === target && r.ms >= event!.ms - 1000) : undefined;
        if (!(event && render)) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (!event || !render) throw new Error(`transition ${i} to ${target}: event ${JSON.stringify(event)}, render ${JSON.stringify(render)}`);
      latencies.push(render.ms - event.ms);
      await page.evaluate('window.__renders.length = 0');
      // Real transitions of one container are at least a probe interval apart; spacing them here keeps
      // each measurement clear of VS Code's own 200 ms hold after the previous refresh.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await page.screenshot({ path: path.join(repoRoot, '.test-artifacts/tree-latency-end.png') });
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`LATENCY health_status event → row re-rendered, ${sorted.length} transitions: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
    console.log(`  all (ms): ${latencies.map((l) => l.toFixed(0)).join(' ')}`);
  } finally {
    stream.destroy();
    await browser.close();
    await server.stop();
    await removeProject(docker, PROJECT);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
