// Latency from the engine's `health_status` event to the Services view's row re-rendered in the UI:
// code-server (VS Code 1.100) + Debian's chromium through playwright-core, the extension loaded from
// this repository, the project of test/fixtures/tree run as labelled containers. Each transition is
// caused by an exec that removes or restores the file the check tests; the event's engine time
// (timeNano) is taken from an events stream of the benchmark's own, the render time from a
// MutationObserver in the page (same machine, same clock). Transitions are spaced 300 ms apart.
// Run: npm run bench -- tree-latency   (TRANSITIONS=50 by default)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createComposeContainer, dockerAt, removeProject } from '../engine/health/support';
import { flipHealth, followHealthEvents, loadHost, percentile, recordRows, repoRoot } from './workbench';

const TRANSITIONS = Number(process.env.TRANSITIONS ?? 50);
const PROJECT = 'chtreehost';

async function main(): Promise<void> {
  const host = await loadHost();
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
  const health = await followHealthEvents(docker, { container: [web.id] });

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

    // Every text the web row's description takes.
    const rows = await recordRows(page, 'web');
    const latencies: number[] = [];
    for (let i = 0; i < TRANSITIONS; i++) {
      const target = i % 2 === 0 ? 'unhealthy' : 'healthy';
      const { event, render } = await flipHealth({ container: web, want: target, events: health.events, rows, row: 0, deadlineMs: 20_000 });
      if (!event || !render) throw new Error(`transition ${i} to ${target}: event ${JSON.stringify(event)}, render ${JSON.stringify(render)}`);
      latencies.push(render.ms - event.ms);
      await rows.clear();
      // Real transitions of one container are at least a probe interval apart; spacing them here keeps
      // each measurement clear of VS Code's own 200 ms hold after the previous refresh.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await page.screenshot({ path: path.join(repoRoot, '.test-artifacts/tree-latency-end.png') });
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`LATENCY health_status event → row re-rendered, ${sorted.length} transitions: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
    console.log(`  all (ms): ${latencies.map((l) => l.toFixed(0)).join(' ')}`);
  } finally {
    health.close();
    await browser.close();
    await server.stop();
    await removeProject(docker, PROJECT);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
