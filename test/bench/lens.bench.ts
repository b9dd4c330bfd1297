// Engine requests caused by the "Run probe" lenses while health flaps: 50 Compose services whose
// healthcheck flips between healthy and unhealthy every second, spread over 3 compose files that are
// "open" (each redraw draws the lenses of all three, as VS Code asks every visible editor again when a
// provider fires onDidChangeCodeLenses).
//
// Not a host bench: ProbeCodeLensProvider needs `vscode`, and driving code-server's editors would measure
// the workbench's scheduling more than the lenses. Instead it drives what the provider does, with the
// parts the extension wires (src/extension.ts, src/probe/register.ts): the real HealthStore fed by the
// real connection + monitor, the lens's live source over it (liveHealthFromStore: coalesced changes and
// the store's container list), LensDependencies deciding whether a change redraws, and the real
// ServiceInspector given a DockerodeEngineClient whose socket is a counting proxy
// (test/engine/health/countingProxy.ts) — so only the lenses' requests are counted; the monitor talks to
// the daemon directly. A redraw draws all three files; redraws never overlap, and changes during one
// make one more (the workbench cancels and re-asks a provider likewise; its own debounce would only
// lower both figures). It runs on a private dockerd (the shared one carries other work's events).
// Run: npm run bench -- lens          (MEASURE_MS=60000 by default)
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { loadCompose } from '../../src/core/compose/load';
import type { ComposeModel } from '../../src/core/compose/model';
import { DockerodeEngineClient } from '../../src/core/engine/dockerodeClient';
import { LensDependencies } from '../../src/core/probe/lensDependencies';
import { ServiceInspector } from '../../src/core/probe/serviceStates';
import { liveHealthFromStore } from '../../src/probe/storeHealth';
import { CountingProxy } from '../engine/health/countingProxy';
import { PrivateDockerd } from '../engine/health/privateDockerd';
import { createComposeContainer, dockerAt, removeProject, onlyEngine, until, watch } from '../engine/health/support';


const MEASURE_MS = Number(process.env.MEASURE_MS ?? 60_000);
const FILES = 3;
const SERVICES = 50;
const daemon = new PrivateDockerd('chlensstore-benchd', 'chlensst0', '10.213.93.1/24');
const root = mkdtempSync('/tmp/chlensstore-bench-');
const projects = Array.from({ length: FILES }, (_, i) => `chlensstorebench${i}`);
// The check fails when the marker exists and succeeds when not, flipping it each time: with retries 1
// every probe changes the health (moby daemon/health.go: one failure past `retries` is unhealthy).
const FLAP = ['CMD-SHELL', 'if [ -f /tmp/f ]; then rm /tmp/f; exit 1; else touch /tmp/f; fi'];

interface OpenFile {
  file: string;
  model: ComposeModel;
}

function servicesOf(i: number): string[] {
  return Array.from({ length: SERVICES }, (_, k) => k).filter((k) => k % FILES === i).map((k) => `svc${k}`);
}

function composeFile(i: number): OpenFile {
  const file = path.join(root, projects[i], 'compose.yaml');
  const text = `name: ${projects[i]}\nservices:\n${servicesOf(i)
    .map((s) => `  ${s}:\n    image: compose-health/busybox:test\n    healthcheck:\n      test: ["CMD-SHELL", "${FLAP[1]}"]\n      interval: 1s\n      retries: 1\n`)
    .join('')}`;
  return { file, model: loadCompose(text, { fileName: file }) };
}

async function main(): Promise<void> {
  const files = projects.map((_, i) => composeFile(i));
  const watcher = watch(daemon.url);
  const proxy = new CountingProxy(path.join(root, 'proxy.sock'), daemon.socket);
  let docker: Docker | undefined;
  try {
    await daemon.start();
    await daemon.loadTestImage();
    docker = daemon.docker();
    await proxy.listen();
    console.log(`creating ${SERVICES} flapping services in ${FILES} projects…`);
    const queue = projects.flatMap((project, i) => servicesOf(i).map((service) => ({ project, service })));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const c = await createComposeContainer(docker!, {
          ...next,
          workingDir: path.join(root, next.project),
          cmd: ['sh', '-c', 'exec sleep 3600'],
          healthcheck: { test: FLAP, intervalMs: 1000, retries: 1 },
        });
        await c.start();
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);

    const { store, monitor } = watcher;
    monitor.start();
    await until(store, () => onlyEngine(store.state).kind === 'connected' && store.state.containers.size >= SERVICES, `${SERVICES} containers`, 120_000);

    const engine = new DockerodeEngineClient(dockerAt(proxy.url), { url: proxy.url, source: { kind: 'setting' } });
    const inspector = new ServiceInspector(engine);
    const live = liveHealthFromStore(store, () => daemon.url);
    const dependencies = new LensDependencies();
    let redraws = 0;
    let drawn = 0;
    const drawnIds = new Set<string>();
    let afterDraw: (() => void) | undefined;
    const drawAll = async () => {
      redraws++;
      await Promise.all(
        files.map(async (f) => {
          const state = await inspector.inspect(f.file, f.model, undefined, live.containers(f.file));
          dependencies.record(f.file, state);
          if (state.ok) {
            for (const svc of state.services.values()) {
              drawn += svc.running.length;
              for (const r of svc.running) drawnIds.add(r.container.id);
            }
          }
        }),
      );
      afterDraw?.();
    };
    // Redraws never overlap: a change during one asks for one more.
    let drawing: Promise<void> | undefined;
    let again = false;
    const redraw = (): void => {
      if (drawing) return void (again = true);
      drawing = drawAll().finally(() => {
        drawing = undefined;
        if (again) {
          again = false;
          redraw();
        }
      });
    };
    // What the provider listens to (src/probe/codeLensProvider.ts).
    const subscription = live.onDidChange((change) => dependencies.affectedBy(change) && redraw());
    redraw();
    await drawing;
    const from = proxy.requests.length;
    let storeChanges = 0;
    const counter = store.onDidChange(() => storeChanges++);
    redraws = 0;
    drawn = 0;
    console.log(`measuring ${MEASURE_MS / 1000} s…`);
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    const requests = proxy.requests.length - from;
    const tally = proxy.tally(from);
    subscription.dispose();
    counter.dispose();
    await drawing;
    console.log(
      `LENS REQUESTS: ${requests} in ${MEASURE_MS / 1000} s = ${((requests * 60_000) / MEASURE_MS).toFixed(0)}/min ${JSON.stringify(tally)}; ` +
        `${storeChanges} store changes, ${redraws} redraws of ${FILES} files (${drawn} running containers drawn in all)`,
    );

    // A recreated container (what `compose up` does to a changed service): its new id is asked about once.
    const [project] = projects;
    const old = [...store.state.containers.values()].find((c) => c.compose.project === project && c.compose.service === 'svc0')!;
    await docker.getContainer(old.id).remove({ force: true });
    const fresh = await createComposeContainer(docker, {
      project,
      service: 'svc0',
      workingDir: path.join(root, project),
      cmd: ['sh', '-c', 'exec sleep 3600'],
      healthcheck: { test: FLAP, intervalMs: 1000, retries: 1 },
    });
    const recreatedFrom = proxy.requests.length;
    const resubscribed = live.onDidChange((change) => dependencies.affectedBy(change) && redraw());
    await fresh.start();
    // Until a redraw has drawn the new container, then a few more seconds of flapping.
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error('no redraw drew the recreated container within 60 s')), 60_000);
      afterDraw = () => {
        if (!drawnIds.has(fresh.id)) return;
        clearTimeout(deadline);
        resolve();
      };
    });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    resubscribed.dispose();
    await drawing;
    console.log(`RECREATED svc0 of ${project}: ${proxy.requests.length - recreatedFrom} lens requests ${JSON.stringify(proxy.tally(recreatedFrom))} (then 5 s of flapping)`);
  } finally {
    watcher.dispose();
    if (docker) await Promise.all(projects.map((p) => removeProject(docker!, p)));
    await proxy.close();
    await daemon.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
