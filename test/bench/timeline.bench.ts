// The health timeline's drawing cost (issue 12: "50 services and 24 h of history render in ≤ 200 ms"):
// renderTimeline (src/core/history/timelineSvg.ts) over 50 services × 24 h, at each zoom, and the size
// of what the panel posts to the webview (the SVG and the hover details, as JSON).
//
// The history is generated, seeded, as the engine would report it for a busy stack: a probe every 10 s
// for every service with a healthcheck, all of them in each lane (the recorder keeps only those around
// health events), so this is an upper bound on the input; then what the history store keeps of it (it caps
// each lane, src/core/history/store.ts). The services:
//   30 steady     healthy, a failing episode (1–5 min, 3 failures to unhealthy) every 1–4 h
//   10 flaky      each probe fails with p = 0.15; 3 in a row turn it unhealthy, one success heals it
//    5 flapping   healthy/unhealthy every 20–60 s for hours on end
//    3 crashing   die (exit 1) every 1–3 h, restarted, start again
//    2 unchecked  running without a healthcheck, recreated twice a day
// Wall time depends on what else the machine runs; the CPU time (user + system of this process, which
// includes V8's collector threads) is printed beside it.
// Run: npm run bench -- timeline     (RUNS=15 by default)
import type { LaneMark, LaneStatus, ProbeRecord, ServiceLane, StatusChange } from '../../src/core/history/model';
import { DEFAULT_HISTORY_LIMITS } from '../../src/core/history/store';
import { renderTimeline, type TimelineZoom } from '../../src/core/history/timelineSvg';

const RUNS = Number(process.env.RUNS ?? 15);
const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const START = NOW - DAY;
const INTERVAL = 10_000;

/** mulberry32: the same history on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTPUTS = [
  "wget: can't connect to remote host (172.18.0.7): Connection refused\n",
  'curl: (22) The requested URL returned error: 503\n',
  'Health check exceeded timeout (2s)',
  'wget: bad address \'mailer:8025\'\n',
];

function lane(service: string, kind: 'steady' | 'flaky' | 'flapping' | 'crashing' | 'unchecked', rnd: () => number): ServiceLane {
  const container = (n: number) => `${service}-${n}`.padEnd(64, 'f');
  let c = 0;
  const changes: StatusChange[] = [];
  const marks: LaneMark[] = [];
  const probes: ProbeRecord[] = [];
  const status = (at: number, s: LaneStatus) => {
    if (changes.at(-1)?.status !== s) changes.push({ at, containerId: container(c), status: s });
  };
  const output = OUTPUTS[Math.floor(rnd() * OUTPUTS.length)];
  marks.push({ at: START, containerId: container(c), kind: 'started' });
  if (kind === 'unchecked') {
    status(START, 'running');
    for (const at of [START + DAY / 3, START + (2 * DAY) / 3]) {
      marks.push({ at, containerId: container(c), kind: 'killed', exitCode: 137 });
      status(at, 'stopped');
      c++;
      marks.push({ at: at + 4000, containerId: container(c), kind: 'recreated' });
      status(at + 4000, 'running');
    }
    return { project: 'bench', service, changes, marks, probes };
  }
  status(START, 'starting');
  let failures = 0;
  let episodeEnd = 0;
  let nextEpisode = START + (1 + rnd() * 3) * 3_600_000;
  let flipAt = START + 20_000 + rnd() * 40_000;
  let flipping = false;
  let deadUntil = 0;
  let nextCrash = START + (1 + rnd() * 2) * 3_600_000;
  for (let t = START + INTERVAL; t < NOW; t += INTERVAL) {
    if (kind === 'crashing' && t >= nextCrash) {
      marks.push({ at: t, containerId: container(c), kind: 'died', exitCode: 1 });
      status(t, 'stopped');
      deadUntil = t + 5000 + rnd() * 20_000;
      marks.push({ at: deadUntil, containerId: container(c), kind: 'restarted' });
      nextCrash = t + (1 + rnd() * 2) * 3_600_000;
      continue;
    }
    if (t < deadUntil) continue;
    if (deadUntil && changes.at(-1)?.status === 'stopped') status(deadUntil, 'starting');
    let fails: boolean;
    if (kind === 'steady') {
      if (t >= nextEpisode) {
        episodeEnd = t + (1 + rnd() * 4) * 60_000;
        nextEpisode = t + (1 + rnd() * 3) * 3_600_000;
      }
      fails = t < episodeEnd;
    } else if (kind === 'flaky') fails = rnd() < 0.15;
    else if (kind === 'flapping') {
      if (t >= flipAt) {
        flipping = !flipping;
        flipAt = t + 20_000 + rnd() * 40_000;
      }
      fails = flipping;
    } else fails = false;
    const took = 20 + Math.floor(rnd() * 200);
    probes.push({ containerId: container(c), start: t, end: t + took, exitCode: fails ? 1 : 0, output: fails ? output : 'ok\n' });
    failures = fails ? failures + 1 : 0;
    // moby daemon/health.go: unhealthy after `retries` (3) failures in a row, healthy after one success.
    if (failures >= 3) status(t + took, 'unhealthy');
    else if (!fails) status(t + took, 'healthy');
  }
  return { project: 'bench', service, changes, marks, probes };
}

function history(): ServiceLane[] {
  const rnd = random(12);
  const kinds = [
    ...Array<'steady'>(30).fill('steady'),
    ...Array<'flaky'>(10).fill('flaky'),
    ...Array<'flapping'>(5).fill('flapping'),
    ...Array<'crashing'>(3).fill('crashing'),
    ...Array<'unchecked'>(2).fill('unchecked'),
  ];
  return kinds.map((kind, i) => lane(`svc${String(i).padStart(2, '0')}-${kind}`, kind, rnd));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function main(): void {
  const full = history();
  measure('as the engine reported it', full);
  // What the history store keeps of it (its per-lane caps, src/core/history/store.ts): the newest.
  const { perLane } = DEFAULT_HISTORY_LIMITS;
  measure(
    `as the history store keeps it (per lane: ${perLane.changes} changes, ${perLane.marks} marks, ${perLane.probes} probes)`,
    full.map((l) => ({ ...l, changes: l.changes.slice(-perLane.changes), marks: l.marks.slice(-perLane.marks), probes: l.probes.slice(-perLane.probes) })),
  );
}

function measure(what: string, lanes: ServiceLane[]): void {
  const count = (f: (l: ServiceLane) => number) => lanes.reduce((n, l) => n + f(l), 0);
  console.log(
    `history ${what}: ${lanes.length} services, 24 h: ${count((l) => l.changes.length)} status changes, ${count((l) => l.marks.length)} marks, ${count((l) => l.probes.length)} probes (${count((l) => l.probes.filter((p) => p.exitCode !== 0).length)} failed)`,
  );
  const dependencies = lanes.slice(1, 20).map((l, i) => ({ service: l.service, on: lanes[i].service }));
  for (const zoom of ['all', '1h', '5m'] as TimelineZoom[]) {
    const times: number[] = [];
    const cpu: number[] = [];
    let picture = renderTimeline({ lanes, zoom, now: NOW, dependencies, width: 1400 });
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const usage = process.cpuUsage();
      picture = renderTimeline({ lanes, zoom, now: NOW, dependencies, width: 1400 });
      const used = process.cpuUsage(usage);
      times.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
    }
    const message = JSON.stringify({ svg: picture.svg, details: picture.details });
    const shapes = (picture.svg.match(/class="(?:span|tick|mark) item/g) ?? []).length;
    console.log(
      `zoom ${zoom.padEnd(3)}: render median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (CPU time median ${median(cpu).toFixed(1)} ms) over ${RUNS} runs (target ≤ 200 ms); ` +
        `${shapes} shapes, SVG ${(picture.svg.length / 1024).toFixed(0)} KiB, message to the webview ${(message.length / 1024).toFixed(0)} KiB`,
    );
  }
}

main();
