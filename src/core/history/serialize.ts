import type { LaneMark, LaneStatus, MarkKind, ProbeRecord, ServiceLane, StatusChange } from './model';

/**
 * The saved form of the health history, versioned so that a later format can read (or knowingly drop)
 * this one. Compact because it is written every few seconds while containers flap: each lane lists its
 * container IDs once and its records refer to them by index, as tuples.
 *   changes: [at, container, status]
 *   marks:   [at, container, kind] or [at, container, kind, exitCode]
 *   probes:  [start, end, container, exitCode, output]
 */
export const HISTORY_FORMAT_VERSION = 1;

export interface SerializedHistory {
  version: typeof HISTORY_FORMAT_VERSION;
  /** When it was written (ms since the epoch). */
  savedAt: number;
  lanes: SerializedLane[];
}

export interface SerializedLane {
  project: string;
  service: string;
  containers: string[];
  changes: Array<[number, number, LaneStatus]>;
  marks: Array<[number, number, MarkKind] | [number, number, MarkKind, number]>;
  probes: Array<[number, number, number, number, string]>;
}

const STATUSES: readonly LaneStatus[] = ['starting', 'healthy', 'unhealthy', 'running', 'paused', 'stopped'];
const MARKS: readonly MarkKind[] = ['created', 'started', 'restarted', 'recreated', 'died', 'killed', 'oom'];

export function serializeLanes(lanes: Iterable<ServiceLane>): SerializedLane[] {
  const out: SerializedLane[] = [];
  for (const lane of lanes) {
    const index = new Map<string, number>();
    const ref = (id: string) => {
      let i = index.get(id);
      if (i === undefined) index.set(id, (i = index.size));
      return i;
    };
    out.push({
      project: lane.project,
      service: lane.service,
      changes: lane.changes.map((c) => [c.at, ref(c.containerId), c.status]),
      marks: lane.marks.map((m) => (m.exitCode === undefined ? [m.at, ref(m.containerId), m.kind] : [m.at, ref(m.containerId), m.kind, m.exitCode])),
      probes: lane.probes.map((p) => [p.start, p.end, ref(p.containerId), p.exitCode, p.output]),
      containers: [...index.keys()],
    });
  }
  return out;
}

/**
 * The lanes of a saved history, or why it cannot be read. A record that does not have the expected shape
 * is skipped (a hand-edited or truncated file loses that record, not the whole history).
 */
export function readSerializedHistory(value: unknown): ServiceLane[] | string {
  if (!isObject(value)) return 'it is not a JSON object';
  if (value.version !== HISTORY_FORMAT_VERSION) return `it has format version ${JSON.stringify(value.version)}; this version of Compose Health reads version ${HISTORY_FORMAT_VERSION}`;
  if (!Array.isArray(value.lanes)) return 'it has no list of lanes';
  const lanes: ServiceLane[] = [];
  for (const raw of value.lanes) {
    if (!isObject(raw) || typeof raw.project !== 'string' || typeof raw.service !== 'string' || !Array.isArray(raw.containers)) continue;
    const containers = raw.containers;
    const id = (i: unknown): string | undefined => (typeof i === 'number' && typeof containers[i] === 'string' ? (containers[i] as string) : undefined);
    const lane: ServiceLane = { project: raw.project, service: raw.service, changes: [], marks: [], probes: [] };
    for (const c of tuples(raw.changes)) {
      const containerId = id(c[1]);
      if (isTime(c[0]) && containerId && STATUSES.includes(c[2] as LaneStatus)) lane.changes.push({ at: c[0], containerId, status: c[2] as LaneStatus } satisfies StatusChange);
    }
    for (const m of tuples(raw.marks)) {
      const containerId = id(m[1]);
      if (!isTime(m[0]) || !containerId || !MARKS.includes(m[2] as MarkKind)) continue;
      const mark: LaneMark = { at: m[0], containerId, kind: m[2] as MarkKind };
      if (typeof m[3] === 'number') mark.exitCode = m[3];
      lane.marks.push(mark);
    }
    for (const p of tuples(raw.probes)) {
      const containerId = id(p[2]);
      if (isTime(p[0]) && isTime(p[1]) && containerId && typeof p[3] === 'number' && typeof p[4] === 'string') {
        lane.probes.push({ start: p[0], end: p[1], containerId, exitCode: p[3], output: p[4] } satisfies ProbeRecord);
      }
    }
    lanes.push(lane);
  }
  return lanes;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function tuples(value: unknown): unknown[][] {
  return Array.isArray(value) ? value.filter((t): t is unknown[] => Array.isArray(t)) : [];
}
