import { classifyProbe } from './classify';
import type { FailureExplanation, LaneMark, LaneStatus, MarkKind, ProbeRecord, ServiceLane } from './model';

/**
 * The health timeline's picture (issue 12): one lane per service, drawn as an SVG string from the
 * recorded history. Pure, so the panel, the export and the tests draw the same thing. Colours are not
 * written here: each shape has a class (`s-healthy`, `tick`, `mark-died`…) that the panel's stylesheet
 * colours from the theme's variables, and the export inlines the colours it resolved.
 *
 * What a shape says in a hover is not in the SVG (a probe's output can be 4 KiB, moby
 * daemon/health.go maxOutputLen): each focusable shape has `data-d`, an index into `details`, which the
 * panel shows as text. Its `aria-label` (escaped) says it in one line for screen readers.
 */

export type TimelineZoom = '5m' | '1h' | 'all';

export const ZOOM_SPAN_MS: Record<Exclude<TimelineZoom, 'all'>, number> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

/** A `depends_on` entry with `condition: service_healthy`: `service` waited for `on` to be healthy. */
export interface HealthyDependency {
  service: string;
  on: string;
}

export interface TimelineRequest {
  lanes: readonly ServiceLane[];
  zoom: TimelineZoom;
  /** The right edge (ms since the epoch): the last status of each lane lasts until then. */
  now: number;
  dependencies?: readonly HealthyDependency[];
  /** Each service's `Config.Healthcheck.Test`, when known: lets the failure class name the tool or port. */
  tests?: ReadonlyMap<string, readonly string[]>;
  /** Width of the picture in px (default 960). */
  width?: number;
  /** How a time reads (default: local `HH:MM:SS`). */
  formatTime?: (ms: number) => string;
}

/** What the hover of one shape shows, as plain text (the panel never parses it as HTML). */
export interface TimelineDetail {
  kind: 'lane' | 'span' | 'probe' | 'mark';
  service: string;
  heading: string;
  facts: string[];
  /** The failed probe's output as Docker kept it. */
  output?: string;
  failure?: FailureExplanation;
}

export interface TimelinePicture {
  svg: string;
  details: TimelineDetail[];
  width: number;
  height: number;
  /** The window drawn. */
  from: number;
  to: number;
  /** Services in the order drawn (dependencies above the services that wait for them). */
  services: string[];
}

const DEFAULT_WIDTH = 960;
const GUTTER = 170;
const RIGHT = 12;
const AXIS_H = 24;
const LANE_H = 30;
const BAR_Y = 4;
const BAR_H = 14;
const TICK_Y = 20;
const TICK_H = 7;
const BOTTOM = 8;
/** Spans narrower than this are drawn together with their neighbours as one "flapping" span. */
const MIN_SPAN_PX = 2;
/**
 * Failed probes less than this apart are one tick (24 h of 5 s probes would be 17,280 ticks a lane),
 * which grows into a band up to TICK_MAX_PX wide while failures keep coming that close together.
 */
const TICK_GAP_PX = 4;
const TICK_MAX_PX = 24;
/** The shortest "all" window, so a history of a moment is not stretched across the screen. */
const MIN_ALL_MS = 10_000;
const LABEL_CHARS = 20;

/** Which status a merged span takes: the one a user most needs to see. */
const SEVERITY: Record<LaneStatus, number> = { unhealthy: 5, starting: 4, stopped: 3, paused: 2, running: 1, healthy: 0 };
/** Bars are told apart by height as well as colour: stopped is a thin line, paused a half bar. */
const BAR: Record<LaneStatus, { y: number; h: number }> = {
  healthy: { y: BAR_Y, h: BAR_H },
  unhealthy: { y: BAR_Y, h: BAR_H },
  starting: { y: BAR_Y, h: BAR_H },
  running: { y: BAR_Y, h: BAR_H },
  paused: { y: BAR_Y + 4, h: BAR_H - 8 },
  stopped: { y: BAR_Y + 6, h: 2 },
};
const MARK_KINDS: ReadonlySet<MarkKind> = new Set(['restarted', 'recreated', 'died', 'killed', 'oom']);
const MARK_WORDS: Partial<Record<MarkKind, string>> = {
  restarted: 'restarted',
  recreated: 'recreated (a new container)',
  died: 'died',
  killed: 'killed',
  oom: 'killed: out of memory',
};

export function renderTimeline(request: TimelineRequest): TimelinePicture {
  const width = Math.max(GUTTER + 200, Math.round(request.width ?? DEFAULT_WIDTH));
  const fmt = request.formatTime ?? localTime;
  const { from, to } = timeWindow(request);
  const plotW = width - GUTTER - RIGHT;
  const x = (t: number) => GUTTER + ((t - from) / (to - from)) * plotW;
  const lanes = orderLanes(request.lanes, request.dependencies ?? []);
  const height = AXIS_H + lanes.length * LANE_H + BOTTOM;
  const details: TimelineDetail[] = [];
  const out: string[] = [];
  // A failing service repeats its output probe after probe: classify each distinct one once.
  const classes = new Map<string, FailureExplanation | undefined>();
  const classify: Classify = (probe, test) => {
    const key = `${probe.exitCode}\0${test?.join('\0') ?? ''}\0${probe.output}`;
    if (!classes.has(key)) classes.set(key, classifyProbe({ exitCode: probe.exitCode, output: probe.output, test }));
    return classes.get(key);
  };
  const detail = (d: TimelineDetail) => details.push(d) - 1;

  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="${attr(`Health timeline, ${fmt(from)} to ${fmt(to)}`)}">`,
    '<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="dep-head" d="M0,0L8,4L0,8z"/></marker></defs>',
    `<rect class="background" x="0" y="0" width="${width}" height="${height}"/>`,
  );
  out.push(axis(from, to, x, height, fmt));

  const waitsFor = new Map<string, string[]>();
  for (const d of request.dependencies ?? []) waitsFor.set(d.service, [...(waitsFor.get(d.service) ?? []), d.on]);

  lanes.forEach((lane, index) => {
    const top = AXIS_H + index * LANE_H;
    const deps = waitsFor.get(lane.service) ?? [];
    const label = `${lane.service}${deps.length ? `, waits for ${deps.join(', ')} to be healthy` : ''}`;
    out.push(`<g class="lane" data-lane="${index}" role="group" aria-label="${attr(label)}">`);
    if (index % 2 === 1) out.push(`<rect class="lane-stripe" x="0" y="${top}" width="${width}" height="${LANE_H}"/>`);
    const shortName = lane.service.length > LABEL_CHARS ? `${lane.service.slice(0, LABEL_CHARS - 1)}…` : lane.service;
    const laneDetail = detail({
      kind: 'lane',
      service: lane.service,
      heading: lane.service,
      facts: [
        ...(deps.length ? [`waits for ${deps.join(', ')} to be healthy (depends_on: condition: service_healthy)`] : []),
        'Click or Enter: open the service definition',
      ],
    });
    out.push(
      `<text class="lane-label item" x="8" y="${top + BAR_Y + BAR_H - 3}" tabindex="${index === 0 ? 0 : -1}" role="button" data-d="${laneDetail}" data-x="0" aria-label="${attr(`${label}: open the definition`)}">${text(shortName)}</text>`,
    );
    const test = request.tests?.get(lane.service);
    for (const s of laneSpans(lane, from, to, x)) out.push(spanShape(s, lane, top, fmt, detail, test, classify));
    for (const t of tickBuckets(lane.probes, from, to, x)) out.push(tickShape(t, lane.service, top, fmt, detail, test, classify));
    for (const m of lane.marks) {
      if (!MARK_KINDS.has(m.kind) || m.at < from || m.at > to) continue;
      out.push(markShape(m, lane.service, x(m.at), top, fmt, detail));
    }
    out.push('</g>');
  });
  out.push(dependencyArrows(lanes, request.dependencies ?? []));
  if (lanes.length === 0) {
    out.push(`<text class="empty" x="${GUTTER}" y="${AXIS_H + 18}">No health history recorded for this project yet.</text>`);
  }
  out.push('</svg>');
  return { svg: out.join(''), details, width, height, from, to, services: lanes.map((l) => l.service) };
}

/** The drawn window: the last 5 minutes or hour before `now`, or everything recorded. */
export function timeWindow(request: Pick<TimelineRequest, 'lanes' | 'zoom' | 'now'>): { from: number; to: number } {
  const to = request.now;
  if (request.zoom !== 'all') return { from: to - ZOOM_SPAN_MS[request.zoom], to };
  let first = to;
  for (const lane of request.lanes) {
    if (lane.changes.length) first = Math.min(first, lane.changes[0].at);
    if (lane.marks.length) first = Math.min(first, lane.marks[0].at);
    if (lane.probes.length) first = Math.min(first, lane.probes[0].start);
  }
  return { from: Math.min(first, to - MIN_ALL_MS), to };
}

/**
 * Lanes in dependency order: a service comes after every service it waits for (Compose starts them in
 * that order, docker/compose pkg/compose/dependencies.go), else by name. A cycle (Compose refuses one)
 * falls back to name order for the services on it.
 */
export function orderLanes(lanes: readonly ServiceLane[], dependencies: readonly HealthyDependency[]): ServiceLane[] {
  const byName = new Map(lanes.map((l) => [l.service, l]));
  const sorted = [...lanes].sort((a, b) => a.service.localeCompare(b.service));
  // What each service waits for, by name, so that the order does not depend on how the file lists them.
  const waits = new Map<string, ServiceLane[]>();
  for (const d of dependencies) {
    const on = byName.get(d.on);
    if (on) waits.set(d.service, [...(waits.get(d.service) ?? []), on]);
  }
  for (const list of waits.values()) list.sort((a, b) => a.service.localeCompare(b.service));
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const result: ServiceLane[] = [];
  const visit = (lane: ServiceLane) => {
    if (placed.has(lane.service) || visiting.has(lane.service)) return;
    visiting.add(lane.service);
    for (const on of waits.get(lane.service) ?? []) visit(on);
    visiting.delete(lane.service);
    placed.add(lane.service);
    result.push(lane);
  };
  for (const lane of sorted) visit(lane);
  return result;
}

type Classify = (probe: ProbeRecord, test: readonly string[] | undefined) => FailureExplanation | undefined;

interface Span {
  start: number;
  end: number;
  status: LaneStatus;
  containerId: string;
  /** Status changes drawn together because each was narrower than MIN_SPAN_PX. */
  merged?: Map<LaneStatus, number>;
  x0: number;
  x1: number;
}

/** The lane's statuses clipped to the window, with runs narrower than MIN_SPAN_PX drawn as one. */
function laneSpans(lane: ServiceLane, from: number, to: number, x: (t: number) => number): Span[] {
  const spans: Span[] = [];
  let pending: Span | undefined;
  const emit = (s: Span) => {
    const last = spans[spans.length - 1];
    if (last && last.status === s.status && !!last.merged === !!s.merged && Math.abs(last.x1 - s.x0) < 0.01) {
      last.end = s.end;
      last.x1 = s.x1;
      if (last.merged && s.merged) for (const [k, n] of s.merged) last.merged.set(k, (last.merged.get(k) ?? 0) + n);
    } else spans.push(s);
  };
  const changes = lane.changes;
  for (let i = 0; i < changes.length; i++) {
    const start = Math.max(changes[i].at, from);
    const end = Math.min(i + 1 < changes.length ? changes[i + 1].at : to, to);
    if (end <= start) continue;
    const piece: Span = { start, end, status: changes[i].status, containerId: changes[i].containerId, x0: x(start), x1: x(end) };
    if (piece.x1 - piece.x0 >= MIN_SPAN_PX) {
      // A stretch wide enough to see stands on its own, however busy the moments before it were.
      if (pending) emit(pending);
      pending = undefined;
      emit(piece);
    } else if (pending) {
      absorb(pending, piece);
      if (pending.x1 - pending.x0 >= MIN_SPAN_PX) {
        emit(pending);
        pending = undefined;
      }
    } else pending = { ...piece, merged: new Map([[piece.status, 1]]) };
  }
  if (pending) emit(pending);
  return spans.map((s) => (s.merged && s.merged.size === 1 ? { ...s, merged: undefined } : s));
}

function absorb(into: Span, piece: Span): void {
  into.end = piece.end;
  into.x1 = piece.x1;
  into.containerId = piece.containerId;
  into.merged!.set(piece.status, (into.merged!.get(piece.status) ?? 0) + 1);
  if (SEVERITY[piece.status] > SEVERITY[into.status]) into.status = piece.status;
}

function spanShape(
  s: Span,
  lane: ServiceLane,
  top: number,
  fmt: (ms: number) => string,
  detail: (d: TimelineDetail) => number,
  test: readonly string[] | undefined,
  classify: Classify,
): string {
  const service = lane.service;
  const when = `${fmt(s.start)} – ${fmt(s.end)} (${duration(s.end - s.start)})`;
  let heading: string = s.status;
  const facts = [when];
  if (s.merged) {
    const total = [...s.merged.values()].reduce((a, b) => a + b, 0);
    heading = `flapping: ${total} changes`;
    facts.push([...s.merged].sort((a, b) => SEVERITY[b[0]] - SEVERITY[a[0]]).map(([k, n]) => `${k} ${n}×`).join(', '));
    facts.push('zoom in to see each change');
  }
  facts.push(`container ${s.containerId.slice(0, 12)}`, 'Click or Enter: open the service definition');
  const d: TimelineDetail = { kind: 'span', service, heading, facts };
  // An unhealthy stretch says why: the class of its last failed probe.
  const failed = s.status === 'unhealthy' ? lastFailedProbe(lane.probes, s.start, s.end) : undefined;
  if (failed) {
    d.failure = classify(failed, test);
    d.output = failed.output;
    facts.splice(1, 0, `last failed probe: ${fmt(failed.start)}, exit ${failed.exitCode}`);
  }
  const i = detail(d);
  const bar = BAR[s.status];
  const cls = `span item s-${s.status}${s.merged ? ' mixed' : ''}`;
  return `<rect class="${cls}" x="${num(s.x0)}" y="${top + bar.y}" width="${num(Math.max(s.x1 - s.x0, 1))}" height="${bar.h}" tabindex="-1" role="button" data-d="${i}" data-x="${num(s.x0)}" aria-label="${attr(`${service}: ${heading}, ${when}`)}"/>`;
}

/** The last failed probe that started in [start, end] (probes are oldest first). */
function lastFailedProbe(probes: readonly ProbeRecord[], start: number, end: number): ProbeRecord | undefined {
  let lo = 0;
  let hi = probes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (probes[mid].start <= end) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && probes[i].start >= start; i--) if (probes[i].exitCode !== 0) return probes[i];
  return undefined;
}

interface TickBucket {
  x0: number;
  x1: number;
  /** The failed probes, oldest first. */
  failed: ProbeRecord[];
  /** Probes of any result between the first and the last failed one. */
  probes: number;
}

/** Failed probes in the window; those less than TICK_GAP_PX apart as one tick (a band, up to TICK_MAX_PX). */
function tickBuckets(probes: readonly ProbeRecord[], from: number, to: number, x: (t: number) => number): TickBucket[] {
  const buckets: TickBucket[] = [];
  let open: TickBucket | undefined;
  /** Passed probes since the open tick's last failure: they count only if another failure joins it. */
  let passed = 0;
  for (const p of probes) {
    if (p.start < from || p.start > to) continue;
    if (p.exitCode === 0) {
      passed++;
      continue;
    }
    const px = x(p.start);
    if (open && px - open.x1 < TICK_GAP_PX && px - open.x0 < TICK_MAX_PX) {
      open.failed.push(p);
      open.probes += passed + 1;
      open.x1 = px;
    } else buckets.push((open = { x0: px, x1: px, failed: [p], probes: 1 }));
    passed = 0;
  }
  return buckets;
}

function tickShape(
  t: TickBucket,
  service: string,
  top: number,
  fmt: (ms: number) => string,
  detail: (d: TimelineDetail) => number,
  test: readonly string[] | undefined,
  classify: Classify,
): string {
  const last = t.failed[t.failed.length - 1];
  const first = t.failed[0];
  const failure = classify(last, test);
  const n = t.failed.length;
  const heading = n === 1 ? 'failed probe' : `${n} failed probes${t.probes > n ? ` of ${t.probes}` : ''}`;
  const facts = [
    n === 1 ? fmt(last.start) : `${fmt(first.start)} – ${fmt(last.start)}; the last:`,
    ...(n > 1 ? [fmt(last.start)] : []),
    `exit ${last.exitCode}`,
    `took ${duration(last.end - last.start)}`,
  ];
  const i = detail({ kind: 'probe', service, heading, facts, output: last.output, failure });
  const firstLine = last.output.trim().split('\n')[0].slice(0, 120);
  const label = `${service}: ${heading} at ${fmt(last.start)}, exit ${last.exitCode}${failure ? `, ${failure.label}` : ''}${firstLine ? `: ${firstLine}` : ''}`;
  return `<rect class="tick item" x="${num(t.x0 - 1)}" y="${top + TICK_Y}" width="${num(t.x1 - t.x0 + 3)}" height="${TICK_H}" tabindex="-1" data-d="${i}" data-x="${num(t.x0)}" aria-label="${attr(label)}"/>`;
}

function markShape(m: LaneMark, service: string, px: number, top: number, fmt: (ms: number) => string, detail: (d: TimelineDetail) => number): string {
  const word = MARK_WORDS[m.kind] ?? m.kind;
  const exit = m.exitCode !== undefined ? ` with exit code ${m.exitCode}` : '';
  const heading = `${word}${exit}`;
  const i = detail({ kind: 'mark', service, heading, facts: [fmt(m.at), `container ${m.containerId.slice(0, 12)}`] });
  const cy = top + BAR_Y + BAR_H / 2;
  const shape =
    m.kind === 'restarted' || m.kind === 'recreated'
      ? // A "play" triangle (started again); recreated is outlined: a different container.
        `M${num(px - 4)},${cy - 6}L${num(px + 5)},${cy}L${num(px - 4)},${cy + 6}z`
      : // A diamond: the container ended.
        `M${num(px)},${cy - 7}L${num(px + 6)},${cy}L${num(px)},${cy + 7}L${num(px - 6)},${cy}z`;
  const label = `${service}: ${heading} at ${fmt(m.at)}`;
  return `<path class="mark item mark-${m.kind}" d="${shape}" tabindex="-1" data-d="${i}" data-x="${num(px)}" aria-label="${attr(label)}"/>`;
}

/** Arrows in the gutter from each dependency's lane to the lane of the service that waited for it. */
function dependencyArrows(lanes: readonly ServiceLane[], dependencies: readonly HealthyDependency[]): string {
  const row = new Map(lanes.map((l, i) => [l.service, i]));
  const out: string[] = [];
  let n = 0;
  for (const d of dependencies) {
    const a = row.get(d.on);
    const b = row.get(d.service);
    if (a === undefined || b === undefined || a === b) continue;
    const y1 = AXIS_H + a * LANE_H + BAR_Y + BAR_H / 2;
    const y2 = AXIS_H + b * LANE_H + BAR_Y + BAR_H / 2;
    const edge = GUTTER - 6;
    const bulge = edge - 14 - (n++ % 4) * 6;
    out.push(
      `<path class="dep" d="M${edge},${y1}C${bulge},${y1} ${bulge},${y2} ${edge},${y2}" marker-end="url(#arrow)"><title>${text(`${d.service} waited for ${d.on} to be healthy`)}</title></path>`,
    );
  }
  return out.length ? `<g class="deps" aria-hidden="true">${out.join('')}</g>` : '';
}

const STEPS_MS = [1, 2, 5, 10, 15, 30].map((s) => s * 1000).concat([1, 2, 5, 10, 15, 30].map((m) => m * 60_000), [1, 2, 3, 6, 12, 24].map((h) => h * 3_600_000));

function axis(from: number, to: number, x: (t: number) => number, height: number, fmt: (ms: number) => string): string {
  const span = to - from;
  const step = STEPS_MS.find((s) => span / s <= 8) ?? STEPS_MS[STEPS_MS.length - 1];
  const out = ['<g class="axis" aria-hidden="true">'];
  // Steps are whole seconds/minutes/hours of local time where the zone offset is whole hours; good enough for a grid.
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    const px = num(x(t));
    out.push(`<line class="grid" x1="${px}" y1="${AXIS_H - 4}" x2="${px}" y2="${height - BOTTOM}"/>`);
    // A label is ~55 px wide, centred: none where it would run into "now".
    if (x(t) < x(to) - 60) out.push(`<text class="axis-label" x="${px}" y="${AXIS_H - 8}">${text(fmt(t))}</text>`);
  }
  out.push(`<line class="now" x1="${num(x(to))}" y1="${AXIS_H - 4}" x2="${num(x(to))}" y2="${height - BOTTOM}"/>`);
  out.push(`<text class="axis-label now-label" x="${num(x(to))}" y="${AXIS_H - 8}" text-anchor="end">now</text>`);
  out.push('</g>');
  return out.join('');
}

/** `340 ms`, `12 s`, `2 min 5 s`, `1 h 3 min`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** `HH:MM` of each minute drawn (a picture names the same minutes many times; zone offsets are whole minutes). */
const minutes = new Map<number, string>();

function localTime(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  let hhmm = minutes.get(minute);
  if (hhmm === undefined) {
    const d = new Date(minute * 60_000);
    hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    if (minutes.size > 5000) minutes.clear();
    minutes.set(minute, hhmm);
  }
  return `${hhmm}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;
}

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Text content of an SVG element. */
function text(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** A double-quoted attribute value; control characters (probe output may hold any) become spaces. */
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/[\u0000-\u001f\u007f]/g, ' ');
}
