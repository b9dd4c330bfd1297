import type { ContainerDetails, EngineEvent } from '../engine/types';
import { serviceKey, type ContainerRecord, type EngineId, type EngineStatus, type HealthAction, type HealthChange, type HealthState } from './model';

export interface Reduction {
  state: HealthState;
  /** undefined when nothing a view shows changed. */
  change?: HealthChange;
}

const NO_KEYS: ReadonlySet<string> = new Set();
const STRUCTURAL: HealthChange = { structural: true, services: NO_KEYS, details: NO_KEYS };

/** The health store's pure transition function: one action in, the next state and what changed out. */
export function reduce(state: HealthState, action: HealthAction): Reduction {
  const seq = state.seq + 1;
  switch (action.type) {
    case 'engine':
      return reduceEngine(state, action.engineId, action.status, seq);
    case 'engineRemoved': {
      if (!state.engines.has(action.engineId)) return { state };
      const engines = new Map(state.engines);
      engines.delete(action.engineId);
      return { state: { ...state, engines, containers: withoutEngine(state.containers, action.engineId), seq }, change: STRUCTURAL };
    }
    case 'resync': {
      // The list is one engine's: the other engines' containers stay as they are.
      const containers = withoutEngine(state.containers, action.engineId);
      for (const c of action.containers) {
        const health = action.listLacksHealth ? (state.containers.get(c.id)?.health ?? c.health) : c.health;
        const record: ContainerRecord = { engineId: action.engineId, id: c.id, name: c.name, image: c.image, compose: c.compose, state: c.state, health, seq };
        if (c.exitCode !== undefined && c.state !== 'running') record.exitCode = c.exitCode;
        containers.set(c.id, record);
      }
      const engines = new Map(state.engines);
      engines.set(action.engineId, action.engine);
      return { state: { ...state, engines, containers, seq }, change: STRUCTURAL };
    }
    case 'event':
      return reduceEvent(state, action.engineId, action.event, seq);
    case 'details':
      return reduceDetails(state, action.id, action.details, action.requestSeq, seq);
    case 'workspaceFile': {
      const workspaceFiles = new Map(state.workspaceFiles);
      workspaceFiles.set(action.file.file, action.file);
      return { state: { ...state, workspaceFiles, seq }, change: STRUCTURAL };
    }
    case 'workspaceFileRemoved': {
      if (!state.workspaceFiles.has(action.file)) return { state };
      const workspaceFiles = new Map(state.workspaceFiles);
      workspaceFiles.delete(action.file);
      return { state: { ...state, workspaceFiles, seq }, change: STRUCTURAL };
    }
    case 'workspaceFolders':
      return { state: { ...state, workspaceFolders: [...action.folders], seq }, change: STRUCTURAL };
  }
}

function reduceEngine(state: HealthState, engineId: EngineId, status: EngineStatus, seq: number): Reduction {
  const before = state.engines.get(engineId);
  if (before && sameEngineStatus(before, status)) return { state };
  // While an engine is unreachable nothing about its containers is known: keep no stale entries; the
  // resync after the next connect fills the store again.
  const containers = status.kind === 'connected' ? state.containers : withoutEngine(state.containers, engineId);
  const engines = new Map(state.engines);
  engines.set(engineId, status);
  return { state: { ...state, engines, containers, seq }, change: STRUCTURAL };
}

function withoutEngine(containers: ReadonlyMap<string, ContainerRecord>, engineId: EngineId): Map<string, ContainerRecord> {
  const kept = new Map<string, ContainerRecord>();
  for (const [id, c] of containers) if (c.engineId !== engineId) kept.set(id, c);
  return kept;
}

function sameEngineStatus(a: EngineStatus, b: EngineStatus): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'connected' && b.kind === 'connected') return a.url === b.url && a.version.version === b.version.version && a.origin === b.origin && a.context === b.context;
  if (a.kind === 'down' && b.kind === 'down') return a.url === b.url && a.problem.message === b.problem.message;
  if (a.kind === 'connecting' && b.kind === 'connecting') return a.url === b.url;
  return true;
}

function reduceEvent(state: HealthState, engineId: EngineId, event: EngineEvent, seq: number): Reduction {
  const before = state.containers.get(event.containerId);
  if (event.action === 'destroy') return before ? remove(state, before, seq) : { state };
  // kill and oom precede and stop follows the die event, which is what carries the state change (the
  // history records them as marks); an exec that ended changes nothing shown (the monitor inspects for
  // the probe result it may bring).
  if (event.action === 'kill' || event.action === 'oom' || event.action === 'stop' || event.action === 'exec_died') return { state };

  let next: ContainerRecord;
  if (before) {
    next = { ...before };
  } else if (event.compose) {
    // A container the list did not include (created since): build it from the event's labels.
    next = { engineId, id: event.containerId, name: event.name ?? event.containerId.slice(0, 12), image: event.image ?? '', compose: event.compose, state: 'created', health: 'none', seq };
  } else {
    return { state };
  }
  switch (event.action) {
    case 'create':
      next.state = 'created';
      break;
    case 'start':
      next.state = 'running';
      delete next.exitCode;
      // A (re)started container with a healthcheck begins again at `starting` (seen on Engine 20.10; moby
      // daemon/health.go initHealthMonitor); whether it has one is known from its last health or inspect.
      if (hasHealthcheck(next)) next.health = 'starting';
      break;
    case 'die':
      next.state = 'exited';
      if (event.exitCode !== undefined) next.exitCode = event.exitCode;
      break;
    case 'pause':
      next.state = 'paused';
      break;
    case 'unpause':
      next.state = 'running';
      break;
    case 'rename':
      if (event.name) next.name = event.name;
      break;
    case 'health_status':
      // Health is only monitored while the container runs (moby daemon/health.go).
      if (next.state !== 'paused') next.state = 'running';
      next.health = event.health ?? next.health;
      break;
  }
  if (before && !visiblyDifferent(before, next)) return { state };
  next.seq = seq;
  const containers = new Map(state.containers);
  containers.set(next.id, next);
  const key = serviceKey(next.engineId, next.compose.project, next.compose.service);
  const structural = !before && !hasServiceContainers(state, key);
  return { state: { ...state, containers, seq }, change: structural ? STRUCTURAL : { structural: false, services: new Set([key]), details: NO_KEYS } };
}

function reduceDetails(state: HealthState, id: string, details: ContainerDetails | undefined, requestSeq: number, seq: number): Reduction {
  const before = state.containers.get(id);
  if (!before) return { state };
  if (!details) return remove(state, before, seq);
  const next: ContainerRecord = {
    ...before,
    details: { failingStreak: details.failingStreak, probeLog: details.probeLog, healthcheck: details.healthcheck, startedAt: details.startedAt },
  };
  // An event that arrived while the inspect was on its way is newer than the inspect's state.
  const fresh = requestSeq >= before.seq;
  if (fresh) {
    next.name = details.name;
    next.state = details.state;
    next.health = details.health;
    if (details.exitCode !== undefined && details.state !== 'running') next.exitCode = details.exitCode;
    else delete next.exitCode;
  }
  const visible = visiblyDifferent(before, next);
  const detailsChanged = !sameDetails(before, next);
  if (!visible && !detailsChanged) return { state };
  if (visible) next.seq = seq;
  const containers = new Map(state.containers);
  containers.set(id, next);
  const key = serviceKey(next.engineId, next.compose.project, next.compose.service);
  return {
    state: { ...state, containers, seq },
    change: { structural: false, services: visible ? new Set([key]) : NO_KEYS, details: detailsChanged ? new Set([id]) : NO_KEYS },
  };
}

function remove(state: HealthState, record: ContainerRecord, seq: number): Reduction {
  const containers = new Map(state.containers);
  containers.delete(record.id);
  const next = { ...state, containers, seq };
  const key = serviceKey(record.engineId, record.compose.project, record.compose.service);
  return { state: next, change: hasServiceContainers(next, key) ? { structural: false, services: new Set([key]), details: NO_KEYS } : STRUCTURAL };
}

function hasServiceContainers(state: HealthState, key: string): boolean {
  for (const c of state.containers.values()) if (serviceKey(c.engineId, c.compose.project, c.compose.service) === key) return true;
  return false;
}

export function hasHealthcheck(record: ContainerRecord): boolean {
  const test = record.details?.healthcheck?.test;
  if (test) return test.length > 0 && test[0] !== 'NONE';
  return record.health !== 'none';
}

function visiblyDifferent(a: ContainerRecord, b: ContainerRecord): boolean {
  return a.state !== b.state || a.health !== b.health || a.name !== b.name || a.exitCode !== b.exitCode;
}

function sameDetails(a: ContainerRecord, b: ContainerRecord): boolean {
  const x = a.details;
  const y = b.details;
  if (!x || !y) return x === y;
  if (x.failingStreak !== y.failingStreak || x.probeLog.length !== y.probeLog.length) return false;
  const lastX = x.probeLog[x.probeLog.length - 1];
  const lastY = y.probeLog[y.probeLog.length - 1];
  return lastX?.start === lastY?.start && lastX?.end === lastY?.end && JSON.stringify(x.healthcheck) === JSON.stringify(y.healthcheck);
}
