import { Emitter, type Event } from '../engine/emitter';
import type { ComposeLabels, ContainerDetails, EngineEvent } from '../engine/types';
import type { ContainerRecord, EngineId, HealthAction, HealthState } from '../health/model';
import { laneKey } from './model';
import type { AppliedAction } from '../health/store';
import type { HealthHistory, LaneMark, LaneStatus, MarkKind, ProbeRecord, ServiceLane, StatusChange } from './model';
import { HISTORY_FORMAT_VERSION, readSerializedHistory, serializeLanes, type SerializedHistory } from './serialize';

/** How much history is kept: pruned as records arrive (no timers), so memory and the saved file stay bounded. */
export interface HistoryLimits {
  /** Records older than this (by the store's clock) are dropped. */
  maxAgeMs: number;
  /** Per service lane: the oldest records of a kind go first. */
  perLane: { changes: number; marks: number; probes: number };
  /**
   * Across all lanes: status changes + marks + probes, and the characters of probe output kept (Docker
   * keeps up to 4 KiB per probe, moby daemon/health.go maxOutputLen). Each lane gets an equal share and
   * gives up its oldest records beyond it; over its share of output, its older probes keep only the
   * first 256 characters, then the oldest go (its newest probe stays whole).
   */
  total: { records: number; outputChars: number };
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  maxAgeMs: 24 * 60 * 60 * 1000,
  perLane: { changes: 2000, marks: 1000, probes: 1000 },
  total: { records: 60_000, outputChars: 4_000_000 },
};

/** What an older probe keeps of its output when its lane is over its share (see capLane). */
const TRIMMED_OUTPUT_CHARS = 256;

/** A whole-store age sweep (lanes that got no record lately) runs at most this often, by the store's clock. */
const AGE_SWEEP_EVERY_MS = 60_000;

export interface HistoryStoreOptions {
  /** Milliseconds since the epoch: the time of a resync or an inspect (which carry none) and of pruning. */
  now?: () => number;
  limits?: HistoryLimits;
}

/** What the recorder remembers of one container between actions (rebuilt from the lanes after a restore). */
interface ContainerMemory {
  key: string;
  /** The engine it was seen on; unknown for a container known only from the saved history. */
  engineId?: EngineId;
  project: string;
  service: string;
  /** `project/service#container-number`, see `replacesAnother`. */
  slot: string;
  /** The last status recorded for it, and that change (amended when an inspect corrects it). */
  last?: StatusChange;
  /** A start of it was seen, or a list showed it running: its next `start` is a restart. */
  started: boolean;
  /**
   * The start of the newest probe recorded for it. Docker's log only grows at the end and keeps its
   * entries across a restart (moby daemon/health.go), so anything at or before this is already recorded
   * or was pruned on purpose: never recorded twice.
   */
  probeWatermark: number;
}

/**
 * The health history (issue 12), fed from the health store's applied actions (`HealthStore.onDidApply`):
 * per Compose service one lane with every status change, mark and probe result of each of its
 * containers. Recording reads only what the actions carry, so it adds no engine request: the monitor
 * already inspects after each health event, and those inspects bring the probe logs merged here.
 * Pure: no I/O and no timers (the clock is injected).
 */
export class HistoryStore implements HealthHistory {
  private readonly laneMap = new Map<string, ServiceLane>();
  private readonly memory = new Map<string, ContainerMemory>();
  private readonly recordEmitter = new Emitter<ReadonlySet<string>>();
  private readonly now: () => number;
  private readonly limits: HistoryLimits;
  private records = 0;
  private outputChars = 0;
  /** Characters of probe output per lane. */
  private readonly laneOutput = new Map<ServiceLane, number>();
  private lastAgeSweep = Number.NEGATIVE_INFINITY;
  /** The lanes the action being applied has recorded in. */
  private touched: Set<string> | undefined;
  /**
   * The container last seen in each Compose slot (`project/service#container-number`): Compose gives a
   * recreated container the number of the one it replaces (docker/compose pkg/compose/convergence.go).
   */
  private readonly slots = new Map<string, string>();

  readonly onDidRecord: Event<ReadonlySet<string>> = this.recordEmitter.event;

  constructor(options: HistoryStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.limits = options.limits ?? DEFAULT_HISTORY_LIMITS;
  }

  /** Lanes are the store's own, updated in place: read them, never change them. */
  lanes(project: string): ServiceLane[] {
    return [...this.laneMap.values()].filter((l) => l.project === project).sort((a, b) => a.service.localeCompare(b.service));
  }

  lane(project: string, service: string): ServiceLane | undefined {
    return this.laneMap.get(laneKey(project, service));
  }

  projects(): string[] {
    return [...new Set([...this.laneMap.values()].map((l) => l.project))].sort();
  }

  /** How much is held (the benchmark's and the bounds tests' figure). */
  size(): { lanes: number; records: number; outputChars: number; containers: number } {
    return { lanes: this.laneMap.size, records: this.records, outputChars: this.outputChars, containers: this.memory.size };
  }

  /** Records what one dispatched action tells about the containers' lives. */
  apply({ action, before, after }: AppliedAction): void {
    const touched = (this.touched = new Set<string>());
    this.record(action, before, after);
    this.touched = undefined;
    if (touched.size === 0) return;
    this.prune(touched);
    this.recordEmitter.fire(touched);
  }

  serialize(): SerializedHistory {
    return { version: HISTORY_FORMAT_VERSION, savedAt: this.now(), lanes: serializeLanes(this.laneMap.values()) };
  }

  /**
   * Loads a saved history (see serialize.ts), before anything is recorded (registerHistory holds the
   * actions until then; a lane that has records already gets the saved ones merged in time order).
   * Records past the limits are dropped. Returns why nothing could be loaded, if so.
   */
  restore(saved: unknown): string | undefined {
    const read = readSerializedHistory(saved);
    if (typeof read === 'string') return read;
    const touched = new Set<string>();
    for (const lane of read) {
      const key = laneKey(lane.project, lane.service);
      const target = this.laneOf(lane.project, lane.service);
      if (target.changes.length + target.marks.length + target.probes.length === 0) {
        // Bulk: a saved lane is oldest first already (sorted only if it was edited out of order).
        target.changes = sortedBy(lane.changes, (c) => c.at);
        target.marks = sortedBy(lane.marks, (m) => m.at);
        target.probes = sortedBy(lane.probes, (p) => p.start);
        let chars = 0;
        for (const probe of target.probes) chars += probe.output.length;
        this.records += target.changes.length + target.marks.length + target.probes.length;
        this.outputChars += chars;
        this.laneOutput.set(target, chars);
      } else {
        for (const change of lane.changes) this.insertChange(target, change);
        for (const mark of lane.marks) this.insertMark(target, mark);
        for (const probe of lane.probes) this.insertProbe(target, probe);
      }
      touched.add(key);
    }
    this.prune(touched, true);
    this.rebuildMemory();
    if (touched.size > 0) this.recordEmitter.fire(touched);
    return undefined;
  }

  dispose(): void {
    this.recordEmitter.dispose();
  }

  private record(action: HealthAction, before: HealthState, after: HealthState): void {
    switch (action.type) {
      case 'event':
        this.onEvent(action.engineId, action.event, before, after);
        return;
      case 'details':
        this.onDetails(action.id, action.details, before, after);
        return;
      case 'resync':
        this.onResync(action.engineId, action.containers.map((c) => c.id), action.listLacksHealth === true, after);
        return;
      default:
        // The engine's status and the workspace's files say nothing about a container's life. A lost
        // engine empties the health store, but the containers did not stop: the resync after the
        // reconnect tells what changed meanwhile.
        return;
    }
  }

  private onEvent(engineId: EngineId, event: EngineEvent, before: HealthState, after: HealthState): void {
    const id = event.containerId;
    const record = after.containers.get(id) ?? before.containers.get(id);
    const compose = record?.compose ?? event.compose;
    if (!compose) return;
    // timeNano (~1.8e18) is past what a double holds exactly; the nearest millisecond is what is kept.
    const at = Math.round(event.timeNano / 1e6);
    const memory = this.memoryOf(id, compose, engineId);
    switch (event.action) {
      case 'create':
        this.mark(memory, id, at, 'created');
        return;
      case 'start': {
        // moby fires `start` for a first start, a `docker restart` and a restart policy's restart alike;
        // only what came before tells them apart.
        const kind: MarkKind = memory.started ? 'restarted' : this.replacesAnother(memory, id, after) ? 'recreated' : 'started';
        this.mark(memory, id, at, kind);
        memory.started = true;
        break;
      }
      case 'die':
        this.mark(memory, id, at, 'died', event.exitCode);
        break;
      case 'kill':
        // Every signal the engine sends (stop, kill, restart, a forced removal: moby daemon/kill.go) logs a
        // `kill`: a die after one was asked for, not a crash.
        this.mark(memory, id, at, 'killed');
        return;
      case 'oom':
        this.mark(memory, id, at, 'oom');
        return;
      case 'destroy':
        this.observe(memory, id, 'stopped', at);
        this.memory.delete(id);
        return;
      default:
        break;
    }
    const current = after.containers.get(id);
    if (current) this.observe(memory, id, laneStatusOf(current), at);
  }

  private onDetails(id: string, details: ContainerDetails | undefined, before: HealthState, after: HealthState): void {
    const current = after.containers.get(id);
    if (!details || !current) {
      // The inspect found the container gone (its destroy event may never come: a lost stream).
      const gone = before.containers.get(id);
      const memory = this.memory.get(id);
      if (gone && memory) {
        this.observe(memory, id, 'stopped', this.now());
        this.memory.delete(id);
      }
      return;
    }
    const memory = this.memoryOf(id, current.compose, current.engineId);
    let newestEnd: number | undefined;
    for (const entry of details.probeLog) {
      const start = parseEngineTime(entry.start);
      if (start === undefined || start <= memory.probeWatermark) continue;
      const end = parseEngineTime(entry.end) ?? start;
      this.insertProbe(this.laneOf(memory.project, memory.service), { containerId: id, start, end, exitCode: entry.exitCode, output: entry.output });
      memory.probeWatermark = start;
      newestEnd = end;
    }
    const status = laneStatusOf(current);
    if (!status || status === memory.last?.status) return;
    const startedAt = details.startedAt ? parseEngineTime(details.startedAt) : undefined;
    if (status === 'starting' && memory.last?.status === 'running' && startedAt !== undefined && memory.last.at >= startedAt) {
      // The start event came before anything said the container has a healthcheck (Engine 20.10 and 26
      // emit no `health_status: starting`): it has been starting since that start.
      memory.last.status = 'starting';
      // An amended change is news for whoever draws the lane (the timeline's colour, the tooltips).
      this.touched?.add(memory.key);
      return;
    }
    // An inspect carries no time of its own: a health status changes when a probe's result is recorded
    // (moby daemon/health.go handleProbeResult), a start at `State.StartedAt`; else it is news now.
    const at = status === 'starting' ? startedAt : status === 'healthy' || status === 'unhealthy' ? (newestEnd ?? lastProbeEnd(details)) : undefined;
    this.observe(memory, id, status, at ?? this.now());
  }

  /**
   * The list after a (re)connect or a refresh: what changed while no events arrived is recorded at the
   * time of the list, the only time known for it.
   */
  private onResync(engineId: EngineId, listed: string[], listLacksHealth: boolean, after: HealthState): void {
    const now = this.now();
    const present = new Set(listed);
    for (const id of listed) {
      const record = after.containers.get(id);
      if (!record) continue;
      const memory = this.memoryOf(id, record.compose, engineId);
      const status = laneStatusOf(record);
      // Podman's list carries no health (see HealthAction `listLacksHealth`): a running container's health
      // is known only from the inspect the monitor makes next, which records it.
      if (status && status !== 'stopped') memory.started = true;
      if (!status || (listLacksHealth && record.state === 'running' && record.health === 'none')) continue;
      const previous = memory.last?.status;
      if (status === previous) continue;
      if (previous === undefined) {
        if (status !== 'stopped' && this.replacesAnother(memory, id, after)) this.mark(memory, id, now, 'recreated');
      } else if (previous === 'stopped') {
        this.mark(memory, id, now, 'restarted');
      } else if (status === 'stopped') {
        this.mark(memory, id, now, 'died', record.exitCode);
      }
      this.observe(memory, id, status, now);
    }
    for (const [id, memory] of [...this.memory]) {
      // Another engine's list says nothing about this one's containers.
      if (present.has(id) || (memory.engineId !== undefined && memory.engineId !== engineId)) continue;
      // Removed while no events arrived.
      if (memory.last && memory.last.status !== 'stopped') {
        this.observe(memory, id, 'stopped', now);
      }
      this.memory.delete(id);
    }
  }

  /**
   * Whether a container's first start replaces another container of its service (compose up after a
   * change: the old one is stopped and removed, the new one started). Compose gives the new container
   * the number of the one it replaces (docker/compose pkg/compose/convergence.go), so the slot
   * `service#number` says it; a slot not seen yet (after a reload) counts as replaced when the lane has
   * other containers and none of them runs, so that a second replica beside a running one is a start.
   */
  private replacesAnother(memory: ContainerMemory, id: string, state: HealthState): boolean {
    const previous = this.slots.get(memory.slot);
    this.slots.set(memory.slot, id);
    if (previous !== undefined) return previous !== id;
    const lane = this.laneMap.get(memory.key);
    if (!lane) return false;
    const others = new Set<string>();
    for (const r of [...lane.changes, ...lane.marks]) if (r.containerId !== id) others.add(r.containerId);
    const running = (other: string) => {
      const record = state.containers.get(other);
      return record !== undefined && (record.state === 'running' || record.state === 'paused');
    };
    return others.size > 0 && ![...others].some(running);
  }

  private memoryOf(id: string, compose: ComposeLabels, engineId: EngineId): ContainerMemory {
    let memory = this.memory.get(id);
    if (memory) memory.engineId = engineId;
    if (!memory) {
      const key = laneKey(compose.project, compose.service);
      memory = { key, engineId, project: compose.project, service: compose.service, slot: `${key}#${compose.containerNumber ?? 1}`, started: false, probeWatermark: Number.NEGATIVE_INFINITY };
      this.memory.set(id, memory);
    } else if (!memory.slot) {
      memory.slot = `${memory.key}#${compose.containerNumber ?? 1}`;
    }
    return memory;
  }

  private laneOf(project: string, service: string): ServiceLane {
    const key = laneKey(project, service);
    let lane = this.laneMap.get(key);
    if (!lane) this.laneMap.set(key, (lane = { project, service, changes: [], marks: [], probes: [] }));
    return lane;
  }

  private observe(memory: ContainerMemory, id: string, status: LaneStatus | undefined, at: number): void {
    if (!status || status === memory.last?.status) return;
    // Never before the container's previous change: an inspect's time (a probe's end) can precede an
    // event already recorded, and a lane reads oldest first.
    const change: StatusChange = { at: Math.max(at, memory.last?.at ?? at), containerId: id, status };
    this.insertChange(this.laneOf(memory.project, memory.service), change);
    memory.last = change;
    // Not `started`: an inspect made on `create` can come back running before the `start` event arrives
    // (seen on Engine 20.10 with a container that exits and restarts at once), and that start is a first one.
    if (status !== 'stopped' && memory.slot && !this.slots.has(memory.slot)) this.slots.set(memory.slot, id);
  }

  private mark(memory: ContainerMemory, id: string, at: number, kind: MarkKind, exitCode?: number): void {
    const mark: LaneMark = { at, containerId: id, kind };
    if (exitCode !== undefined) mark.exitCode = exitCode;
    this.insertMark(this.laneOf(memory.project, memory.service), mark);
  }

  private insertChange(lane: ServiceLane, change: StatusChange): void {
    insertByTime(lane.changes, change, (c) => c.at);
    this.touched?.add(laneKey(lane.project, lane.service));
    this.records++;
  }

  private insertMark(lane: ServiceLane, mark: LaneMark): void {
    insertByTime(lane.marks, mark, (m) => m.at);
    this.touched?.add(laneKey(lane.project, lane.service));
    this.records++;
  }

  private insertProbe(lane: ServiceLane, probe: ProbeRecord): void {
    insertByTime(lane.probes, probe, (p) => p.start);
    this.touched?.add(laneKey(lane.project, lane.service));
    this.records++;
    this.outputChars += probe.output.length;
    this.laneOutput.set(lane, (this.laneOutput.get(lane) ?? 0) + probe.output.length);
  }

  private prune(touched: ReadonlySet<string>, everyLane = false): void {
    const now = this.now();
    const cutoff = now - this.limits.maxAgeMs;
    const sweep = everyLane || now - this.lastAgeSweep >= AGE_SWEEP_EVERY_MS;
    if (sweep) this.lastAgeSweep = now;
    // The total caps are shared out equally among the lanes, so that a flapping service gives up its
    // own oldest records rather than a quiet service's story, and keeping to them costs each action only
    // the lanes it touched (the periodic sweep brings the others to a budget that shrank as lanes came).
    const lanes = Math.max(1, this.laneMap.size);
    const budget = { records: Math.floor(this.limits.total.records / lanes), outputChars: Math.floor(this.limits.total.outputChars / lanes) };
    for (const key of sweep ? [...this.laneMap.keys()] : touched) {
      const lane = this.laneMap.get(key);
      if (!lane) continue;
      this.dropBefore(lane, cutoff);
      this.capLane(lane, budget);
      if (lane.changes.length + lane.marks.length + lane.probes.length === 0) {
        this.laneMap.delete(key);
        this.laneOutput.delete(lane);
      }
    }
  }

  /** Per kind (the per-lane caps), then the lane's share of the totals, oldest first across its kinds. */
  private capLane(lane: ServiceLane, budget: { records: number; outputChars: number }): void {
    const { changes, marks, probes } = this.limits.perLane;
    if (lane.changes.length > changes) this.records -= lane.changes.splice(0, lane.changes.length - changes).length;
    if (lane.marks.length > marks) this.records -= lane.marks.splice(0, lane.marks.length - marks).length;
    if (lane.probes.length > probes) this.removeProbes(lane, lane.probes.length - probes);
    let excess = lane.changes.length + lane.marks.length + lane.probes.length - budget.records;
    if (excess > 0) {
      // A three-way walk from the oldest end: how many of each kind are among the `excess` oldest.
      let c = 0;
      let m = 0;
      let p = 0;
      for (; excess > 0; excess--) {
        const tc = lane.changes[c]?.at ?? Infinity;
        const tm = lane.marks[m]?.at ?? Infinity;
        const tp = lane.probes[p]?.start ?? Infinity;
        if (tc <= tm && tc <= tp) c++;
        else if (tm <= tp) m++;
        else p++;
      }
      this.records -= lane.changes.splice(0, c).length + lane.marks.splice(0, m).length;
      this.removeProbes(lane, p);
    }
    let output = this.laneOutput.get(lane) ?? 0;
    if (output <= budget.outputChars) return;
    // Over its share of output: older probes keep the head of theirs first (enough to tell what failed:
    // classify.ts reads the start), then the oldest go; the newest is kept whole whatever its size.
    for (let i = 0; i < lane.probes.length - 1 && output > budget.outputChars; i++) {
      const probe = lane.probes[i]!;
      if (probe.output.length <= TRIMMED_OUTPUT_CHARS + 1) continue;
      const trimmed = `${probe.output.slice(0, TRIMMED_OUTPUT_CHARS)}…`;
      output -= probe.output.length - trimmed.length;
      this.outputChars -= probe.output.length - trimmed.length;
      probe.output = trimmed;
    }
    this.laneOutput.set(lane, output);
    let n = 0;
    while (n < lane.probes.length - 1 && output > budget.outputChars) output -= lane.probes[n++]!.output.length;
    this.removeProbes(lane, n);
  }

  /** Drops every record older than `cutoff` from a lane. */
  private dropBefore(lane: ServiceLane, cutoff: number): void {
    this.records -= lane.changes.splice(0, countWhile(lane.changes, (c) => c.at < cutoff)).length;
    this.records -= lane.marks.splice(0, countWhile(lane.marks, (m) => m.at < cutoff)).length;
    this.removeProbes(lane, countWhile(lane.probes, (p) => p.start < cutoff));
  }

  private removeProbes(lane: ServiceLane, count: number): void {
    if (count <= 0) return;
    let chars = 0;
    for (const probe of lane.probes.splice(0, count)) chars += probe.output.length;
    this.records -= count;
    this.outputChars -= chars;
    this.laneOutput.set(lane, (this.laneOutput.get(lane) ?? 0) - chars);
  }

  private rebuildMemory(): void {
    for (const [key, lane] of this.laneMap) {
      const entry = (id: string): ContainerMemory => {
        let memory = this.memory.get(id);
        // The slot is not saved: it is learnt again when the container is next seen (memoryOf).
        if (!memory) this.memory.set(id, (memory = { key, project: lane.project, service: lane.service, slot: '', started: false, probeWatermark: Number.NEGATIVE_INFINITY }));
        return memory;
      };
      for (const change of lane.changes) {
        const memory = entry(change.containerId);
        memory.last = change;
        if (change.status !== 'stopped') memory.started = true;
      }
      for (const mark of lane.marks) if (mark.kind === 'started' || mark.kind === 'restarted' || mark.kind === 'recreated') entry(mark.containerId).started = true;
      for (const probe of lane.probes) {
        const memory = entry(probe.containerId);
        memory.probeWatermark = Math.max(memory.probeWatermark, probe.start);
      }
    }
  }
}

/** What a lane shows for a container; undefined for one created but never started. */
export function laneStatusOf(record: ContainerRecord): LaneStatus | undefined {
  switch (record.state) {
    case 'running':
      return record.health === 'none' ? 'running' : record.health;
    case 'paused':
      return 'paused';
    case 'created':
      return undefined;
    default:
      // exited, dead, removing, and restarting (between a die and the restart policy's next start).
      return 'stopped';
  }
}

/**
 * A time as the engine writes it in a health log: RFC 3339 with nanoseconds on Docker and Podman
 * (`2026-12-02T01:39:38.123456789Z`), which Date.parse reads to the millisecond. Go's default
 * `time.Time` text (`2026-12-02 01:39:38.123 +0000 UTC`) is read as well.
 */
export function parseEngineTime(text: string): number | undefined {
  let ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    const go = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?) ([+-]\d\d)(\d\d)/.exec(text);
    if (go) ms = Date.parse(`${go[1]}T${go[2]}${go[3]}:${go[4]}`);
  }
  return Number.isNaN(ms) ? undefined : ms;
}

function lastProbeEnd(details: ContainerDetails): number | undefined {
  const last = details.probeLog[details.probeLog.length - 1];
  return last ? parseEngineTime(last.end) : undefined;
}

/** Inserts keeping the array oldest first; records nearly always arrive in order, so this appends. */
function insertByTime<T>(items: T[], item: T, time: (t: T) => number): void {
  let i = items.length;
  const t = time(item);
  while (i > 0 && time(items[i - 1]!) > t) i--;
  if (i === items.length) items.push(item);
  else items.splice(i, 0, item);
}

function sortedBy<T>(items: T[], time: (t: T) => number): T[] {
  for (let i = 1; i < items.length; i++) if (time(items[i - 1]!) > time(items[i]!)) return items.sort((a, b) => time(a) - time(b));
  return items;
}

function countWhile<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  let n = 0;
  while (n < items.length && predicate(items[n]!)) n++;
  return n;
}
