// Engine API traffic of the Services view's core (connection + monitor + store, as the extension builds
// them), counted at the socket through a counting proxy:
//   1. 60 s of idle with 50 Compose containers (25 with a healthcheck probing every 2 s): requests made.
//   2. Initial load with 200 Compose containers: wall time from start() to a filled store, and requests.
// It runs on a private dockerd of its own (the shared one carries other work's events), with the
// offline test image copied into it.
// Run: npm run bench -- tree-engine
import type Docker from 'dockerode';
import { PrivateDockerd } from '../engine/health/privateDockerd';
import { createComposeContainer, removeProject, onlyEngine, until, watch } from '../engine/health/support';
import { CountingProxy } from '../engine/health/countingProxy';


const IDLE_MS = Number(process.env.IDLE_MS ?? 60_000);
const daemon = new PrivateDockerd('chtree-benchd', 'chtreeb0', '10.213.78.1/24');
let docker: Docker;
const projects = Array.from({ length: 10 }, (_, i) => `chtreebench${i}`);

async function createMany(count: number, offset: number, withHealthcheck: (i: number) => boolean): Promise<void> {
  const queue = Array.from({ length: count }, (_, k) => offset + k);
  const worker = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const c = await createComposeContainer(docker, {
        project: projects[i % projects.length],
        service: `svc${Math.floor(i / projects.length) % 5}`,
        number: Math.floor(i / (projects.length * 5)) + 1,
        cmd: ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'],
        healthcheck: withHealthcheck(i) ? { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 2000 } : undefined,
      });
      await c.start();
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

async function measureLoad(proxy: CountingProxy, expected: number) {
  const from = proxy.requests.length;
  const watcher = watch(proxy.url);
  const started = process.hrtime.bigint();
  watcher.monitor.start();
  await until(watcher.store, () => onlyEngine(watcher.store.state).kind === 'connected' && watcher.store.state.containers.size >= expected, `${expected} containers`, 120_000);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const requests = proxy.tally(from);
  return { watcher, ms, requests };
}

async function main(): Promise<void> {
  await daemon.start();
  await daemon.loadTestImage();
  docker = daemon.docker();
  const proxy = new CountingProxy('/tmp/chtree-bench-proxy.sock', daemon.socket);
  await proxy.listen();
  try {
    await Promise.all(projects.map((p) => removeProject(docker, p)));
    console.log('creating 50 Compose containers (25 with a healthcheck every 2 s)…');
    await createMany(50, 0, (i) => i % 2 === 0);

    const first = await measureLoad(proxy, 50);
    const { store } = first.watcher;
    await until(store, () => store.summary().checked > 0 && store.summary().healthy === store.summary().checked, 'every checked service healthy', 60_000);
    // The last health event's inspect may still be on its way: let it land before counting idle traffic.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const idleFrom = proxy.requests.length;
    let storeChanges = 0;
    const sub = store.onDidChange(() => storeChanges++);
    console.log(`idle for ${IDLE_MS / 1000} s with 50 containers…`);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    sub.dispose();
    console.log(`IDLE ${IDLE_MS / 1000} s, 50 containers: ${proxy.requests.length - idleFrom} requests ${JSON.stringify(proxy.tally(idleFrom))}, ${storeChanges} store changes (the events stream opened at connect stays open)`);
    first.watcher.dispose();

    console.log('creating 150 more (200 in all)…');
    await createMany(150, 50, () => false);
    const runs = [];
    for (let i = 0; i < 5; i++) {
      const run = await measureLoad(proxy, 200);
      run.watcher.dispose();
      runs.push(run);
    }
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`INITIAL LOAD, 200 containers: median ${times[2].toFixed(1)} ms (runs: ${times.map((t) => t.toFixed(1)).join(', ')}); requests per load: ${JSON.stringify(runs[0].requests)}`);
  } finally {
    await Promise.all(projects.map((p) => removeProject(docker, p)));
    await proxy.close();
    await daemon.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
