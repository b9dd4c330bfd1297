// The health history under load, in simulated time: 1,000 Compose containers (20 projects × 50 services)
// whose checks flap between healthy and unhealthy for an hour. Each flip is what the engine and the
// monitor deliver on Docker: a `health_status` event, then the inspect's probe log (5 entries, probes
// every 2 s). The real HealthStore (reducer) applies them and the HistoryStore records from its
// onDidApply, on a clock the benchmark moves. Prints the recording cost per applied action (the time
// spent in HistoryStore.apply, measured around each call, GC pauses included), the heap after GC, what is held against the
// limits, and the size and cost of a save and a restore. Nothing here is asserted: the figures are for
// the issue's note.
// Run: npm run bench -- history   (CONTAINERS=1000 FLIP_EVERY_S=10 HOURS=1 OUTPUT_BYTES=80 by default)
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ContainerDetails, ProbeResult } from '../../src/core/engine/types';
import type { EngineStatus } from '../../src/core/health/model';
import { HealthStore } from '../../src/core/health/store';
import { HistoryStore } from '../../src/core/history/store';

/** The one engine these tests' store knows. */
const ENGINE = 'unix:///s';

const CONTAINERS = Number(process.env.CONTAINERS ?? 1000);
const FLIP_EVERY_S = Number(process.env.FLIP_EVERY_S ?? 10);
const HOURS = Number(process.env.HOURS ?? 1);
/** Probe output per result; Docker keeps up to 4096 bytes (moby daemon/health.go maxOutputLen). */
const OUTPUT_BYTES = Number(process.env.OUTPUT_BYTES ?? 80);
const PROBE_EVERY_MS = 2000;
const SERVICES_PER_PROJECT = 50;

function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function main(): void {
  const start = Date.parse('2026-12-02T00:00:00Z');
  let now = start;
  const health = new HealthStore();
  const engine: EngineStatus = { kind: 'connected', url: 'unix:///bench.sock', version: { version: '26.1.5', apiVersion: '1.45', flavor: 'docker' }, origin: 'bench' };
  const containers: ContainerDetails[] = [];
  for (let i = 0; i < CONTAINERS; i++) {
    const project = `bench${Math.floor(i / SERVICES_PER_PROJECT)}`;
    const service = `svc${i % SERVICES_PER_PROJECT}`;
    containers.push({
      id: `${i.toString(16).padStart(8, '0')}${'c'.repeat(56)}`,
      name: `${project}-${service}-1`,
      image: 'app:latest',
      compose: { project, service, containerNumber: 1 },
      state: 'running',
      health: 'healthy',
      status: 'Up 1 hour (healthy)',
      failingStreak: 0,
      probeLog: [],
      healthcheck: { test: ['CMD-SHELL', 'curl -f http://localhost:8080/health'], intervalNs: PROBE_EVERY_MS * 1e6, retries: 1 },
    });
  }
  health.dispatch({ type: 'resync', engineId: ENGINE, containers, engine });
  const baseline = heapAfterGc();

  const history = new HistoryStore({ now: () => now });
  let applyNs = 0n;
  let applied = 0;
  let maxApplyNs = 0n;
  health.onDidApply((action) => {
    const t0 = process.hrtime.bigint();
    history.apply(action);
    const spent = process.hrtime.bigint() - t0;
    applyNs += spent;
    if (spent > maxApplyNs) maxApplyNs = spent;
    applied++;
  });

  // Each container flips every FLIP_EVERY_S on average (spread so that flips do not come in waves).
  const nextFlip = containers.map((_, i) => start + ((i * 7919) % (FLIP_EVERY_S * 1000)));
  const logs = containers.map(() => [] as ProbeResult[]);
  const lastProbe = containers.map(() => start);
  const output = (ok: boolean) => (ok ? 'ok' : 'curl: (7) Failed to connect to localhost port 8080: Connection refused ').padEnd(OUTPUT_BYTES, '.').slice(0, OUTPUT_BYTES);
  const end = start + HOURS * 3600_000;
  let events = 0;
  let dispatchNs = 0n;
  for (let t = start; t < end; t += 100) {
    for (let i = 0; i < containers.length; i++) {
      if (nextFlip[i]! > t) continue;
      now = t;
      const c = containers[i]!;
      const healthy = c.health !== 'healthy';
      // The probes run since the last inspect, the last one deciding the flip.
      for (let p = lastProbe[i]! + PROBE_EVERY_MS; p <= t; p += PROBE_EVERY_MS) {
        const ok = p + PROBE_EVERY_MS > t ? healthy : !healthy;
        logs[i]!.push({ start: new Date(p - 60).toISOString(), end: new Date(p).toISOString(), exitCode: ok ? 0 : 1, output: output(ok) });
        lastProbe[i] = p;
      }
      logs[i]!.splice(0, Math.max(0, logs[i]!.length - 5));
      c.health = healthy ? 'healthy' : 'unhealthy';
      const d0 = process.hrtime.bigint();
      health.dispatch({ type: 'event', engineId: ENGINE, event: { action: 'health_status', containerId: c.id, compose: c.compose, health: c.health, timeNano: t * 1e6 } });
      health.dispatch({ type: 'details', id: c.id, details: { ...c, probeLog: [...logs[i]!] }, requestSeq: health.state.seq });
      dispatchNs += process.hrtime.bigint() - d0;
      events++;
      nextFlip[i] = t + FLIP_EVERY_S * 1000 * (0.5 + ((i * 31 + events) % 100) / 100);
    }
  }
  const heap = heapAfterGc();
  const size = history.size();

  const t0 = process.hrtime.bigint();
  const json = JSON.stringify(history.serialize());
  const serializeMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const t1 = process.hrtime.bigint();
  const restored = new HistoryStore({ now: () => now });
  const problem = restored.restore(JSON.parse(json));
  const restoreMs = Number(process.hrtime.bigint() - t1) / 1e6;

  console.log(`${CONTAINERS} containers flapping every ~${FLIP_EVERY_S} s for ${HOURS} h (simulated): ${events} health events (${(events / (HOURS * 3600)).toFixed(0)}/s), ${applied} actions applied`);
  console.log(`recording: ${(Number(applyNs) / applied / 1000).toFixed(2)} µs per applied action on average (${(Number(applyNs) / events / 1000).toFixed(2)} µs per health event with its inspect), slowest ${(Number(maxApplyNs) / 1e6).toFixed(1)} ms (an age sweep of every lane, or a GC pause)`);
  console.log(`for comparison: ${(Number(dispatchNs) / events / 1000).toFixed(2)} µs per health event with its inspect through HealthStore.dispatch in all (reducer, views' change, recording, GC)`);
  console.log(`held: ${size.lanes} lanes, ${size.records} records, ${size.outputChars} characters of probe output, ${size.containers} containers remembered`);
  console.log(`heap after GC: ${mib(heap)} (health store alone ${mib(baseline)}; the history ${mib(heap - baseline)})`);
  console.log(`save: ${mib(json.length)} of JSON in ${serializeMs.toFixed(0)} ms; restore in ${restoreMs.toFixed(0)} ms${problem ? ` — ${problem}` : ''}`);
}

main();
