// Three engines in one Services view: the system's Engine 20.10, Engine 26 (test/support/engine26.mjs)
// and a private dockerd of the benchmark's own that manages a single-node Swarm (test/engine/swarm
// PrivateSwarm), each behind a counting proxy and listed in the workspace's composeHealth.engines.
// code-server (VS Code 1.100) + Debian's chromium run the extension from this repository, as
// tree-latency does. Every engine runs the workspace's Compose project (one `web` container, checked
// every 100 ms); the swarm's engine also runs compose.stack.yaml as the stack `chbench14` (one `api`
// task, checked every 500 ms). Event times come from events streams of the benchmark's own (the
// engine's timeNano), render times from a MutationObserver in the page (same machine, same clock).
// Figures:
//   1. health event → row: each Compose transition is caused on one engine in turn (an exec that
//      removes or restores the file the check tests), timed to the engine's `web` row.
//   2. idle: with every check passing on all three engines and the stack healthy, the requests the
//      extension makes to each engine during IDLE_MS (the events stream is one long request: 0).
//   3. health event → stack row: each cycle replaces the stack's task as Swarm does
//      (`docker service update --force`: the old task stops, a new one starts), timed from the new task
//      container's `health_status: healthy` to the stack service's row turning healthy (also: to the
//      row's `1/1` — the manager records the task `running` only after that event, see moby
//      daemon/cluster/executor/container/controller.go Start — and to the expanded task row).
// Run: npm run bench -- multi-engine   (TRANSITIONS=60, CYCLES=16, IDLE_MS=30000 by default; about 5 minutes)
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { CountingProxy } from '../engine/health/countingProxy';
import { createComposeContainer, dockerAt, removeProject } from '../engine/health/support';
import { PrivateSwarm } from '../engine/swarm/support';
import { eventThenRender, flipHealth, followHealthEvents, loadHost, recordRows, repoRoot, summary, type HealthEvent, type RowRender } from './workbench';

const TRANSITIONS = Number(process.env.TRANSITIONS ?? 60);
const CYCLES = Number(process.env.CYCLES ?? 16);
const IDLE_MS = Number(process.env.IDLE_MS ?? 30_000);
const PROJECT = 'chmulti14bench';
const STACK = 'chbench14';
const STACK_SERVICE = 'api';
/** The stack network's VXLAN id: this benchmark's own (see the stack file). */
const VXLAN_ID = 14014;

interface BenchEngine {
  name: string;
  docker: Docker;
  proxy: CountingProxy;
  web?: Docker.Container;
  health?: { events: HealthEvent[]; close(): void };
}

/** The stack service's row: `api  1/1 · healthy`, `0/1 · starting · update updating`… (src/core/swarm/select.ts serviceDescription). */
const SERVICE_ROW = /^(\d+)\/(\d+) · (\S+)/;

async function main(): Promise<void> {
  const host = await loadHost();
  // The third engine: a swarm manager of the benchmark's own (never the shared daemons in Swarm mode).
  const swarm = new PrivateSwarm('chbench14-swarm', 'chbsw0', '10.214.45.1/24', '10.220.0.0/16');
  await swarm.start();
  const sockets: Array<[string, string]> = [
    ['Engine 20.10', '/var/run/docker.sock'],
    ['Engine 26', '/run/compose-health-engine26/docker.sock'],
    ['swarm manager', swarm.dockerd.socket],
  ];
  const engines: BenchEngine[] = sockets.map(([name, socket], i) => ({
    name,
    docker: dockerAt(`unix://${socket}`),
    proxy: new CountingProxy(`/tmp/chbench14-bench-${i}.sock`, socket),
  }));
  const swarmEngine = engines[2];
  const workspace = mkdtempSync('/tmp/chbench14-bench-ws-');
  mkdirSync(path.join(workspace, '.vscode'));
  writeFileSync(path.join(workspace, 'compose.yaml'), `name: ${PROJECT}\nservices:\n  web:\n    image: compose-health/busybox:test\n    healthcheck:\n      test: ["CMD-SHELL", "test -f /tmp/ok"]\n      interval: 100ms\n      retries: 1\n`);
  // `version` for the docker CLI 20.10 of Debian 12, whose stack loader refuses a file without one. The
  // shell exits on SIGTERM so that a replaced task stops at once, not after the 10 s grace period. The
  // stack's overlay network gets a VXLAN id of its own: every new swarm numbers its first overlay 4097,
  // and a second device with the same id in this network namespace (another swarm on the machine, or one
  // left behind) makes each task fail with "error creating vxlan interface: file exists" (libnetwork
  // drivers/overlay; seen on this machine with Engine 20.10.24).
  const stackFile = path.join(workspace, 'compose.stack.yaml');
  writeFileSync(
    stackFile,
    [
      'version: "3.8"',
      'services:',
      `  ${STACK_SERVICE}:`,
      '    image: compose-health/busybox:test',
      `    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]`,
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 500ms',
      '      retries: 1',
      'networks:',
      '  default:',
      '    driver_opts:',
      `      com.docker.network.driver.overlay.vxlanid_list: "${VXLAN_ID}"`,
      '',
    ].join('\n'),
  );
  // Only this workspace's projects and stacks: the shared engines carry other work's projects too.
  writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({ 'composeHealth.engines': engines.map((e) => e.proxy.url), 'composeHealth.tree.projects': 'workspace' }, null, 2));

  const server = await host.startCodeServer({ workspace });
  const browser = await host.launchChromium();
  let stackHealth: { events: HealthEvent[]; close(): void } | undefined;
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
      e.health = await followHealthEvents(e.docker, { container: [e.web.id] });
    }
    const serviceName = `${STACK}_${STACK_SERVICE}`;
    stackHealth = await followHealthEvents(swarmEngine.docker, { label: [`com.docker.swarm.service.name=${serviceName}`] });
    swarm.deploy(STACK, stackFile);

    // What the swarm's engine says of the stack service, read past the proxy, for a failure's message:
    // beside what the rows said, it tells a change the view missed from one that is slow to come.
    const engineSays = async () => {
      const [service] = (await swarm.docker.listServices({ filters: { name: [serviceName] } })) as Array<{ UpdateStatus?: unknown }>;
      const tasks = (await swarm.docker.listTasks({ filters: { service: [serviceName] } })) as Array<{ ID: string; DesiredState: string; Status: { State: string; Timestamp: string; Message?: string; Err?: string } }>;
      return `the engine says: update ${JSON.stringify(service?.UpdateStatus)}, tasks ${JSON.stringify(tasks.map((t) => [t.ID.slice(0, 12), t.DesiredState, t.Status.State, t.Status.Timestamp, t.Status.Err ?? t.Status.Message]))}`;
    };

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.workbenchUrl({ ...server, workspace, extensionPath: repoRoot }));
    await page.locator('.activitybar [aria-label^="Compose Health"]').first().click({ timeout: 60_000 });
    const rowsLabelled = (label: string) => page.locator('.pane-body .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace('.', '\\.')}$`) }) });
    // The three engines' `web` rows, in the tree's order (the setting's): engine i's is the i-th; the
    // stack's service row, opened to show its task.
    const serviceRow = rowsLabelled(STACK_SERVICE).filter({ has: page.locator('.label-description', { hasText: /^1\/1 · healthy$/ }) });
    try {
      await page.waitForFunction(
        `[...document.querySelectorAll('.pane-body .monaco-list-row')].filter((r) => r.querySelector('.label-name')?.textContent === 'web' && r.querySelector('.label-description')?.textContent === 'healthy').length === 3`,
        undefined,
        { timeout: 90_000 },
      );
      await serviceRow.waitFor({ timeout: 90_000 });
      if ((await serviceRow.getAttribute('aria-expanded')) === 'false') await serviceRow.locator('.monaco-tl-twistie').click();
      await rowsLabelled(`${STACK_SERVICE}.1`).locator('.label-description', { hasText: /^running · healthy/ }).waitFor({ timeout: 30_000 });
    } catch (error) {
      await page.screenshot({ path: path.join(repoRoot, '.test-artifacts/multi-engine-failed.png') });
      throw new Error(`the view did not come up with three healthy web rows and the stack healthy (${(error as Error).message.split('\n')[0]}); ${await engineSays()}`);
    }
    mkdirSync(path.join(repoRoot, '.test-artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, '.test-artifacts/multi-engine-start.png') });

    // Figure 1: Compose transitions, one engine at a time.
    const webRows = await recordRows(page, 'web');
    const latencies: number[][] = engines.map(() => []);
    const requestsBefore = engines.map((e) => e.proxy.requests.length);
    for (let i = 0; i < TRANSITIONS; i++) {
      const n = i % engines.length;
      const e = engines[n];
      const target = Math.floor(i / engines.length) % 2 === 0 ? 'unhealthy' : 'healthy';
      const { event, render } = await flipHealth({ container: e.web!, want: target, events: e.health!.events, rows: webRows, row: n, deadlineMs: 20_000 });
      if (!event || !render) throw new Error(`transition ${i} on ${e.name} to ${target}: event ${JSON.stringify(event)}, render ${JSON.stringify(render)}`);
      latencies[n].push(render.ms - event.ms);
      await webRows.clear();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    console.log(`LATENCY health_status event → row re-rendered, ${latencies.flat().length} transitions over ${engines.length} engines: ${summary(latencies.flat())}`);
    engines.forEach((e, n) => console.log(`  ${e.name}: ${latencies[n].length} transitions, ${summary(latencies[n])}; requests during the transitions ${JSON.stringify(e.proxy.tally(requestsBefore[n]))}`));

    // Figure 3: the stack's task replaced, `CYCLES` times; the rows labelled `api` are the stack service's
    // and the other engines' "not created" Compose service of compose.stack.yaml, told apart by their text.
    const serviceRows = await recordRows(page, STACK_SERVICE);
    const taskRows = await recordRows(page, `${STACK_SERVICE}.1`);
    const toHealthy: number[] = [];
    const toRunning: number[] = [];
    const toTask: number[] = [];
    const managerLag: number[] = [];
    const cycleRequests: number[] = [];
    const stackFrom = swarmEngine.proxy.requests.length;
    let current = stackHealth.events.filter((x) => x.status === 'healthy').at(-1)?.id;
    const firstAfter = (renders: RowRender[], event: HealthEvent, is: (text: string) => boolean) => renders.find((r) => r.ms >= event.ms - 1000 && is(r.text));
    for (let i = 0; i < CYCLES; i++) {
      await serviceRows.clear();
      await taskRows.clear();
      const from = stackHealth.events.length;
      const requestsFrom = swarmEngine.proxy.requests.length;
      await promisify(execFile)('docker', ['--host', swarm.dockerd.url, 'service', 'update', '--force', '--detach', serviceName]);
      const { event, render } = await eventThenRender({
        events: stackHealth.events,
        from,
        isEvent: (x) => x.status === 'healthy' && x.id !== current,
        rows: serviceRows,
        // The row's badge word turns healthy (whatever its count and update state say beside it).
        isRender: (r, x) => r.ms >= x.ms - 1000 && SERVICE_ROW.exec(r.text)?.[3] === 'healthy',
        deadlineMs: 60_000,
      });
      if (!event || !render) throw new Error(`cycle ${i}: event ${JSON.stringify(event)}, render ${JSON.stringify(render)}, rows ${JSON.stringify(await serviceRows.renders())}`);
      // The cycle is over when the update is: the row reads `1/1 · healthy` with no update beside it.
      await rowsLabelled(STACK_SERVICE)
        .locator('.label-description', { hasText: /^1\/1 · healthy$/ })
        .waitFor({ timeout: 60_000 })
        .catch(async (error: Error) => {
          await page.screenshot({ path: path.join(repoRoot, '.test-artifacts/multi-engine-failed.png') });
          throw new Error(`cycle ${i}: the service row did not settle at 1/1 · healthy (${error.message.split('\n')[0]}); rows ${JSON.stringify(await serviceRows.renders())}; event ${JSON.stringify(event)}; ${await engineSays()}`);
        });
      const seen = await serviceRows.renders();
      if (!seen.some((r) => r.ms < render.ms && SERVICE_ROW.exec(r.text)?.[3] !== 'healthy')) throw new Error(`cycle ${i}: the service row never left healthy before ${JSON.stringify(render)}: ${JSON.stringify(seen)}`);
      toHealthy.push(render.ms - event.ms);
      const running = firstAfter(seen, event, (text) => /^1\/1 · healthy/.test(text));
      if (running) toRunning.push(running.ms - event.ms);
      const taskRender = firstAfter(await taskRows.renders(), event, (text) => /^(running|starting) · healthy/.test(text));
      if (taskRender) toTask.push(taskRender.ms - event.ms);
      cycleRequests.push(swarmEngine.proxy.requests.length - requestsFrom);
      // When the node's agent stamped the new task `running` (its Status.Timestamp, read past the proxy): the
      // state change the `1/1` waits for, which no event announces (the Engine API has no task events).
      const tasks = (await swarm.docker.listTasks({ filters: { service: [serviceName] } })) as Array<{ Status: { State: string; Timestamp: string; ContainerStatus?: { ContainerID?: string } } }>;
      const task = tasks.find((t) => t.Status.ContainerStatus?.ContainerID === event.id && t.Status.State === 'running');
      if (task) managerLag.push(Date.parse(task.Status.Timestamp) - event.ms);
      current = event.id;
      if (i === CYCLES - 1) console.log(`  the service row in the last cycle, ms after the new task's healthy event: ${seen.map((r) => `${(r.ms - event.ms).toFixed(0)} "${r.text}"`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await page.screenshot({ path: path.join(repoRoot, '.test-artifacts/multi-engine-end.png') });
    console.log(`LATENCY new task's health_status: healthy → stack service row healthy, ${toHealthy.length} cycles (docker service update --force): ${summary(toHealthy)} (all: ${toHealthy.map((l) => l.toFixed(0)).join(' ')})`);
    console.log(`  → service row 1/1 · healthy (the task recorded running): ${toRunning.length} cycles, ${toRunning.length ? summary(toRunning) : 'none'} (all: ${toRunning.map((l) => l.toFixed(0)).join(' ')})`);
    console.log(`  → task row ${STACK_SERVICE}.1 healthy: ${toTask.length} cycles, ${toTask.length ? summary(toTask) : 'none'}`);
    console.log(`  → the agent stamps the task running (its Status.Timestamp): ${managerLag.length} cycles, ${managerLag.length ? summary(managerLag) : 'none'} (all: ${managerLag.map((l) => l.toFixed(0)).join(' ')})`);
    console.log(`  requests to the swarm's engine during the cycles: ${cycleRequests.join(' ')} per cycle ${JSON.stringify(swarmEngine.proxy.tally(stackFrom))}`);

    // Figure 2: idle. Every check keeps passing (web every 100 ms, the stack's task every 500 ms); nothing
    // should be asked of any engine.
    const idleFrom = engines.map((e) => e.proxy.requests.length);
    const idleStart = Date.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    engines.forEach((e, n) => {
      const at = e.proxy.times.slice(idleFrom[n]).map((t) => `${((t - idleStart) / 1000).toFixed(1)} s`);
      console.log(`IDLE ${e.name}: ${e.proxy.requests.length - idleFrom[n]} requests in ${IDLE_MS / 1000} s ${JSON.stringify(e.proxy.tally(idleFrom[n]))}${at.length ? ` at ${at.join(', ')} into the idle time` : ''}`);
    });
    console.log(`  events streams opened per engine: ${engines.map((e) => e.proxy.requests.filter((r) => /^GET (\/v[\d.]+)?\/events$/.test(r)).length).join(', ')}`);
  } finally {
    stackHealth?.close();
    try {
      swarm.removeStack(STACK);
    } catch (error) {
      console.error((error as Error).message);
    }
    for (const e of engines) {
      e.health?.close();
      await removeProject(e.docker, PROJECT);
    }
    await browser.close();
    await server.stop();
    for (const e of engines) await e.proxy.close();
    // Leaves the swarm, stops its dockerd and removes its folder and bridges.
    await swarm.dispose();
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
