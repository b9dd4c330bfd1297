import * as assert from 'node:assert/strict';
import type { LaneStatus, ServiceLane } from '../../../src/core/history/model';
import { duration, orderLanes, renderTimeline, timeWindow, type TimelineRequest } from '../../../src/core/history/timelineSvg';

const T0 = Date.UTC(2026, 11, 2, 10, 0, 0);
const s = (n: number) => T0 + n * 1000;
const utc = (ms: number) => new Date(ms).toISOString().slice(11, 19);

function lane(service: string, changes: Array<[number, LaneStatus]>, extra: Partial<ServiceLane> = {}): ServiceLane {
  return {
    project: 'shop',
    service,
    changes: changes.map(([at, status]) => ({ at: s(at), containerId: `${service}-c1`.padEnd(64, '0'), status })),
    marks: [],
    probes: [],
    ...extra,
  };
}

function render(lanes: ServiceLane[], more: Partial<TimelineRequest> = {}) {
  return renderTimeline({ lanes, zoom: '5m', now: s(300), formatTime: utc, width: 1170, ...more });
}

/** The attributes of every element with `class` containing `cls`. */
function shapes(svg: string, cls: string): Array<Record<string, string>> {
  const found: Array<Record<string, string>> = [];
  for (const m of svg.matchAll(/<(\w+)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g)) {
    const attrs: Record<string, string> = { tag: m[1] };
    for (const a of m[2].matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    if ((attrs.class ?? '').split(' ').includes(cls)) found.push(attrs);
  }
  return found;
}

describe('health timeline layout (core/history/timelineSvg)', () => {
  it('draws one span per status, clipped to the window, in the status class, with the last lasting until now', () => {
    // Width 1170 leaves a plot of 988 px for 300 s.
    const picture = render([lane('web', [[-60, 'starting'], [20, 'healthy'], [200, 'unhealthy']])]);
    const spans = shapes(picture.svg, 'span');
    assert.deepEqual(
      spans.map((r) => r.class),
      ['span item s-starting', 'span item s-healthy', 'span item s-unhealthy'],
    );
    const x = (t: number) => 170 + (t / 300) * 988;
    assert.equal(Number(spans[0].x), 170, 'the starting span is clipped at the window start (60 s before it)');
    assert.ok(Math.abs(Number(spans[1].x) - x(20)) < 0.2);
    assert.ok(Math.abs(Number(spans[2].x) + Number(spans[2].width) - x(300)) < 0.2, 'the last status lasts until now');
    assert.match(spans[2]['aria-label'], /^web: unhealthy, 10:03:20 – 10:05:00 \(1 min 40 s\)$/);
    const labels = [...picture.svg.matchAll(/<text class="axis-label[^"]*" x="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => [Number(m[1]), m[2]] as const);
    assert.deepEqual(labels.map(([, t]) => t), ['10:00:00', '10:01:00', '10:02:00', '10:03:00', '10:04:00', 'now'], 'a label a minute; 10:05:00 would collide with "now"');
    const d = picture.details[Number(spans[1]['data-d'])];
    assert.equal(d.kind, 'span');
    assert.equal(d.heading, 'healthy');
  });

  it('leaves out what happened before the window and draws nothing before the first change', () => {
    const picture = render([lane('old', [[-900, 'healthy'], [-600, 'stopped']]), lane('late', [[250, 'starting']])]);
    const spans = shapes(picture.svg, 'span');
    assert.deepEqual(spans.map((r) => r.class), ['span item s-starting', 'span item s-stopped'], 'lanes in name order: late, old');
    assert.equal(Number(shapes(picture.svg, 's-starting')[0].x) > 170 + 0.8 * 988, true, 'late starts at 250 s');
  });

  it('zoom "all" starts at the first thing recorded, and never shows less than 10 s', () => {
    const lanes = [lane('a', [[-7200, 'healthy']]), lane('b', [[-30, 'healthy']], { probes: [{ containerId: 'x', start: s(-9000), end: s(-8999), exitCode: 0, output: '' }] })];
    assert.deepEqual(timeWindow({ lanes, zoom: 'all', now: s(0) }), { from: s(-9000), to: s(0) });
    assert.deepEqual(timeWindow({ lanes: [lane('c', [[-5, 'healthy']])], zoom: 'all', now: s(0) }), { from: s(-10), to: s(0) });
    assert.deepEqual(timeWindow({ lanes: [lane('c', [[-25, 'healthy']])], zoom: 'all', now: s(0) }), { from: s(-25), to: s(0) });
    assert.deepEqual(timeWindow({ lanes, zoom: '1h', now: s(0) }), { from: s(-3600), to: s(0) });
  });

  it('draws each failed probe as a focusable tick whose hover gives time, exit code, duration, output and class', () => {
    const probes = [
      { containerId: 'c', start: s(100), end: s(100) + 42, exitCode: 0, output: 'ok' },
      { containerId: 'c', start: s(150), end: s(150) + 2000, exitCode: 1, output: 'wget: can\'t connect to remote host (172.18.0.3): Connection refused\n' },
      { containerId: 'c', start: s(250), end: s(252), exitCode: -1, output: 'Health check exceeded timeout (2s)' },
    ];
    const picture = render([lane('notifier', [[0, 'healthy'], [160, 'unhealthy']], { probes })]);
    const ticks = shapes(picture.svg, 'tick');
    assert.equal(ticks.length, 2, 'only failed probes are ticks');
    for (const t of ticks) assert.equal(t.tabindex, '-1', 'ticks are reachable by the arrow keys');
    const first = picture.details[Number(ticks[0]['data-d'])];
    assert.equal(first.kind, 'probe');
    assert.deepEqual(first.facts, ['10:02:30', 'exit 1', 'took 2 s']);
    assert.match(first.output ?? '', /Connection refused/);
    assert.equal(first.failure?.kind, 'connection-refused');
    assert.match(ticks[0]['aria-label'], /^notifier: failed probe at 10:02:30, exit 1, connection refused: wget: can't connect/);
    assert.equal(picture.details[Number(ticks[1]['data-d'])].failure?.kind, 'timeout');
    // The unhealthy span names the class of its last failed probe too.
    const unhealthy = picture.details[Number(shapes(picture.svg, 's-unhealthy')[0]['data-d'])];
    assert.equal(unhealthy.failure?.kind, 'timeout');
  });

  it('uses the service\'s healthcheck test to name the missing tool', () => {
    const probes = [{ containerId: 'c', start: s(10), end: s(10), exitCode: 127, output: '' }];
    const picture = render([lane('api', [[0, 'unhealthy']], { probes })], { tests: new Map([['api', ['CMD-SHELL', 'curl -f http://localhost/']]]) });
    assert.match(picture.details[Number(shapes(picture.svg, 'tick')[0]['data-d'])].failure?.advice ?? '', /^curl is not in this image/);
  });

  it('escapes a probe\'s output and the service name wherever they reach the SVG', () => {
    const evil = '<script>alert(1)</script> & "quoted" \u0007bell';
    const probes = [{ containerId: 'c', start: s(10), end: s(11), exitCode: 1, output: evil }];
    const picture = render([lane('a<b>"c"', [[0, 'unhealthy']], { probes })]);
    assert.ok(!picture.svg.includes('<script'), 'no markup from the output');
    assert.ok(!picture.svg.includes('<b>'), 'no markup from the service name');
    assert.ok(!/[\u0000-\u0008]/.test(picture.svg), 'no control characters');
    const tick = shapes(picture.svg, 'tick')[0];
    assert.match(tick['aria-label'], /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;quoted&quot;  bell/);
    assert.equal(picture.details[Number(tick['data-d'])].output, evil, 'the hover gets the output as it was (shown as text)');
    assert.match(picture.svg, /<text class="lane-label item"[^>]*>a&lt;b&gt;"c"<\/text>/);
  });

  it('marks restarts, recreates and deaths (with the exit code), and leaves plain starts unmarked', () => {
    const id = 'c'.repeat(64);
    const marks = [
      { at: s(10), containerId: id, kind: 'created' as const },
      { at: s(11), containerId: id, kind: 'started' as const },
      { at: s(60), containerId: id, kind: 'died' as const, exitCode: 1 },
      { at: s(70), containerId: id, kind: 'restarted' as const },
      { at: s(200), containerId: 'd'.repeat(64), kind: 'recreated' as const },
      { at: s(250), containerId: id, kind: 'oom' as const, exitCode: 137 },
    ];
    const picture = render([lane('mailer', [[10, 'starting']], { marks })]);
    const drawn = shapes(picture.svg, 'mark');
    assert.deepEqual(drawn.map((m) => m.class), ['mark item mark-died', 'mark item mark-restarted', 'mark item mark-recreated', 'mark item mark-oom']);
    assert.equal(drawn[0]['aria-label'], 'mailer: died with exit code 1 at 10:01:00');
    assert.equal(picture.details[Number(drawn[3]['data-d'])].heading, 'killed: out of memory with exit code 137');
  });

  it('draws flapping narrower than two pixels as one span in its worst status, and says so', () => {
    // 1 h on 988 px: 3.6 s a pixel. Healthy/unhealthy every second for a minute, then healthy.
    const changes: Array<[number, LaneStatus]> = [[-3000, 'healthy']];
    for (let i = 0; i < 60; i++) changes.push([-1200 + i, i % 2 ? 'healthy' : 'unhealthy']);
    changes.push([-1140, 'healthy']);
    const picture = render([lane('flappy', changes)], { zoom: '1h' });
    const spans = shapes(picture.svg, 'span');
    assert.deepEqual(spans.map((r) => r.class), ['span item s-healthy', 'span item s-unhealthy mixed', 'span item s-healthy']);
    const mixed = picture.details[Number(spans[1]['data-d'])];
    assert.equal(mixed.heading, 'flapping: 60 changes');
    assert.equal(mixed.facts[1], 'unhealthy 30×, healthy 30×');
    // Zoomed in, every change is its own span again.
    // (The first and last healthy stretches join the flapping's first and last healthy second.)
    assert.equal(shapes(render([lane('flappy', changes)], { zoom: '5m', now: s(-1100) }).svg, 'span').length, 61);
  });

  it('draws failed probes less than a few pixels apart as one tick, a band of at most 24 px that counts them', () => {
    // 1 h on 988 px: 3.64 s a pixel, 24 px = 87.4 s. A probe a second for 200 s, every other one failing.
    const probes = Array.from({ length: 200 }, (_, i) => ({ containerId: 'c', start: s(-1800 + i), end: s(-1800 + i) + 5, exitCode: i % 2 ? 0 : 1, output: `try ${i}` }));
    probes.push({ containerId: 'c', start: s(-1500), end: s(-1500) + 5, exitCode: 2, output: 'alone' });
    const picture = render([lane('x', [[-3000, 'unhealthy']], { probes })], { zoom: '1h' });
    const ticks = shapes(picture.svg, 'tick');
    const headings = ticks.map((t) => picture.details[Number(t['data-d'])].heading);
    assert.deepEqual(headings, ['44 failed probes of 87', '44 failed probes of 87', '12 failed probes of 23', 'failed probe']);
    assert.ok(Math.abs(Number(ticks[0].width) - (86 / 3.6437 + 3)) < 0.2, 'a band spans its first to its last failure');
    assert.equal(ticks[3].width, '3');
    const d = picture.details[Number(ticks[0]['data-d'])];
    assert.deepEqual(d.facts.slice(0, 2), ['09:30:00 – 09:31:26; the last:', '09:31:26']);
    assert.equal(d.output, 'try 86', 'the hover shows the last of them');
    // Zoomed in (5 min on 988 px: 0.3 s a pixel), each failure is its own tick.
    assert.equal(shapes(render([lane('x', [[-3000, 'unhealthy']], { probes })], { zoom: '5m', now: s(-1600) }).svg, 'tick').length, 100);
  });

  it('puts a service below the services it waits for, and draws an arrow for each service_healthy dependency', () => {
    const lanes = [lane('agent', [[0, 'healthy']]), lane('broker', [[0, 'healthy']]), lane('zeta', [[0, 'healthy']]), lane('notifier', [[0, 'healthy']])];
    const dependencies = [
      { service: 'agent', on: 'zeta' },
      { service: 'agent', on: 'broker' },
      { service: 'notifier', on: 'mailer' },
    ];
    assert.deepEqual(orderLanes(lanes, dependencies).map((l) => l.service), ['broker', 'zeta', 'agent', 'notifier']);
    const picture = render(lanes, { dependencies });
    assert.deepEqual(picture.services, ['broker', 'zeta', 'agent', 'notifier']);
    const arrows = [...picture.svg.matchAll(/<path class="dep" d="M(\d+),([\d.]+)C[^"]* \d+,([\d.]+)" marker-end="url\(#arrow\)"><title>([^<]*)<\/title>/g)];
    assert.deepEqual(arrows.map((a) => a[4]), ['agent waited for zeta to be healthy', 'agent waited for broker to be healthy'], 'no arrow to a service without a lane');
    const mid = (row: number) => 24 + row * 30 + 11;
    assert.deepEqual(arrows.map((a) => [Number(a[2]), Number(a[3])]), [[mid(1), mid(2)], [mid(0), mid(2)]], 'from the dependency to the service that waited');
    assert.match(picture.svg, /aria-label="agent, waits for zeta, broker to be healthy"/);
    // A cycle (Compose refuses it) still draws every lane once.
    assert.deepEqual(orderLanes(lanes, [{ service: 'agent', on: 'broker' }, { service: 'broker', on: 'agent' }]).map((l) => l.service).sort(), ['agent', 'broker', 'notifier', 'zeta']);
  });

  it('makes exactly one shape of the picture reachable with Tab (the first lane\'s name)', () => {
    const picture = render([lane('a', [[0, 'healthy']]), lane('b', [[0, 'healthy']])]);
    const tabbable = [...picture.svg.matchAll(/tabindex="0"/g)];
    assert.equal(tabbable.length, 1);
    assert.match(picture.svg, /<text class="lane-label item" x="8" y="\d+" tabindex="0" role="button"[^>]*aria-label="a: open the definition"/);
  });

  it('says so when a project has no history', () => {
    assert.match(render([]).svg, /No health history recorded for this project yet\./);
  });

  it('writes durations as a person reads them', () => {
    assert.deepEqual([340, 12_000, 125_000, 120_000, 3_780_000, 7_200_000].map(duration), ['340 ms', '12 s', '2 min 5 s', '2 min', '1 h 3 min', '2 h']);
  });
});
