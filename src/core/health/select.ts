import { hasHealthcheck } from './reducer';
import { labelsPointInto, ProjectIndex, projectsOfFile, type FileIdentity, type LabelledProject } from '../identity/projectIdentity';
import type { RunningCheck } from '../lint/hover';
import { serviceKey, type ContainerRecord, type EngineId, type HealthState, type ServiceDefinition, type WorkspaceComposeFile } from './model';

/** What a badge shows: the engine's health for running containers, else the container's state. */
export type DisplayStatus = 'healthy' | 'unhealthy' | 'starting' | 'running' | 'paused' | 'restarting' | 'created' | 'exited' | 'notCreated';

export type ProjectScope = 'all' | 'workspace';

export interface ContainerView {
  record: ContainerRecord;
  status: DisplayStatus;
  /** e.g. `healthy`, `running · no healthcheck`, `exited (137)` */
  description: string;
}

export interface ServiceHealthView {
  key: string;
  engineId: EngineId;
  project: string;
  name: string;
  containers: ContainerView[];
  /** Where the workspace defines it, if it does. */
  definition?: ServiceDefinition;
  status: DisplayStatus;
  hasHealthcheck: boolean;
  /** Containers that are healthy (or running, for a service without a healthcheck). */
  good: number;
  /** e.g. `healthy · 2/2`, `unhealthy · 1/2`, `not created` */
  description: string;
}

export interface ProjectView {
  /** The engine it runs on: a project on two engines is two views. */
  engineId: EngineId;
  name: string;
  inWorkspace: boolean;
  workingDir?: string;
  configFiles?: string[];
  services: ServiceHealthView[];
  status: DisplayStatus;
  /** e.g. `2/3 healthy` */
  description: string;
}

/** The status bar's and the view badge's numbers, over services with a healthcheck. */
export interface HealthSummary {
  healthy: number;
  unhealthy: number;
  starting: number;
  /** Services that have a healthcheck. */
  checked: number;
}

const LABELS: Record<DisplayStatus, string> = {
  healthy: 'healthy',
  unhealthy: 'unhealthy',
  starting: 'starting',
  running: 'running',
  paused: 'paused',
  restarting: 'restarting',
  created: 'created',
  exited: 'exited',
  notCreated: 'not created',
};

/**
 * A service shows its most telling container: a problem first, then anything running, and `exited` only
 * when nothing runs (a leftover one-off or scaled-down container must not hide a healthy service).
 */
const SERVICE_PRECEDENCE: readonly DisplayStatus[] = ['unhealthy', 'restarting', 'starting', 'paused', 'healthy', 'running', 'exited', 'created', 'notCreated'];

export function containerStatus(record: ContainerRecord): DisplayStatus {
  switch (record.state) {
    case 'running':
      return record.health === 'none' ? 'running' : record.health;
    case 'paused':
    case 'restarting':
    case 'created':
      return record.state;
    default:
      return 'exited';
  }
}

export function containerDescription(record: ContainerRecord, status = containerStatus(record)): string {
  if (status === 'running') return 'running · no healthcheck';
  if (status === 'exited' && record.exitCode !== undefined) return `exited (${record.exitCode})`;
  return LABELS[status];
}

export function statusLabel(status: DisplayStatus): string {
  return LABELS[status];
}

function containerOrder(a: ContainerRecord, b: ContainerRecord): number {
  return (a.compose.containerNumber ?? 0) - (b.compose.containerNumber ?? 0) || a.name.localeCompare(b.name);
}

/** Base files before override files, so a service's definition points at where it is written first. */
function fileOrder(a: WorkspaceComposeFile, b: WorkspaceComposeFile): number {
  const overrideA = /override/i.test(a.file) ? 1 : 0;
  const overrideB = /override/i.test(b.file) ? 1 : 0;
  return overrideA - overrideB || a.file.localeCompare(b.file);
}

export function buildServiceView(engineId: EngineId, project: string, name: string, records: ContainerRecord[], definition: ServiceDefinition | undefined): ServiceHealthView {
  const containers = [...records].sort(containerOrder).map((record): ContainerView => {
    const status = containerStatus(record);
    return { record, status, description: containerDescription(record, status) };
  });
  const checked = containers.some((c) => hasHealthcheck(c.record)) || (containers.length === 0 && definition?.healthcheckKeyRange !== undefined);
  const statuses = new Set(containers.map((c) => c.status));
  const status = containers.length === 0 ? 'notCreated' : (SERVICE_PRECEDENCE.find((s) => statuses.has(s)) ?? 'exited');
  const good = containers.filter((c) => (checked ? c.status === 'healthy' : c.status === 'running' || c.status === 'healthy')).length;
  let description: string;
  if (containers.length === 0) description = LABELS.notCreated;
  else if (containers.length > 1) description = `${LABELS[status]} · ${good}/${containers.length}`;
  else description = containers[0].description;
  const view: ServiceHealthView = { key: serviceKey(engineId, project, name), engineId, project, name, containers, status, hasHealthcheck: checked, good, description };
  if (definition) view.definition = definition;
  return view;
}

/**
 * Projects → services → containers as the views show them, engine by engine (in the setting's order):
 * on each, the workspace's projects first, then by name. A workspace file's project that does not run
 * on a connected engine is shown there as not created, so each engine says what runs where.
 */
export function selectProjects(state: HealthState, scope: ProjectScope): ProjectView[] {
  const byEngine = new Map<EngineId, ContainerRecord[]>();
  for (const [engineId, status] of state.engines) if (status.kind === 'connected') byEngine.set(engineId, []);
  for (const c of state.containers.values()) byEngine.get(c.engineId)?.push(c);
  const files = [...state.workspaceFiles.values()].sort(fileOrder);
  return [...byEngine].flatMap(([engineId, records]) => selectEngineProjects(engineId, records, files, state.workspaceFolders, scope));
}

function selectEngineProjects(engineId: EngineId, records: readonly ContainerRecord[], files: readonly WorkspaceComposeFile[], folders: readonly string[], scope: ProjectScope): ProjectView[] {
  const byProject = new Map<string, { records: Map<string, ContainerRecord[]>; definitions: Map<string, ServiceDefinition>; inWorkspace: boolean; workingDir?: string; configFiles?: string[] }>();
  const project = (name: string) => {
    let p = byProject.get(name);
    if (!p) byProject.set(name, (p = { records: new Map(), definitions: new Map(), inWorkspace: false }));
    return p;
  };
  // One entry per project and set of files it was made from, not per container.
  const labelled = new Map<string, LabelledProject>();
  for (const c of records) {
    labelled.set(`${c.compose.project}\0${c.compose.configFiles?.join(',') ?? ''}`, c.compose);
    const p = project(c.compose.project);
    const list = p.records.get(c.compose.service);
    if (list) list.push(c);
    else p.records.set(c.compose.service, [c]);
    if (!p.inWorkspace && labelsPointInto(c.compose, folders)) p.inWorkspace = true;
    if (p.workingDir === undefined && c.compose.workingDir) p.workingDir = c.compose.workingDir;
    if (p.configFiles === undefined && c.compose.configFiles) p.configFiles = c.compose.configFiles;
  }
  const index = new ProjectIndex(labelled.values());
  for (const file of files) {
    // A service the file defines but no container runs is "not created" inside the file's real project.
    for (const name of index.projectsOf(file)) {
      const p = project(name);
      p.inWorkspace = true;
      for (const entry of file.services) {
        const known = p.definitions.get(entry.name);
        if (!known || (!known.healthcheckKeyRange && entry.healthcheckKeyRange)) p.definitions.set(entry.name, { ...entry, file: file.file });
      }
    }
  }
  const projects: ProjectView[] = [];
  for (const [name, p] of byProject) {
    if (scope === 'workspace' && !p.inWorkspace) continue;
    const serviceNames = new Set([...p.records.keys(), ...p.definitions.keys()]);
    const services = [...serviceNames].sort().map((s) => buildServiceView(engineId, name, s, p.records.get(s) ?? [], p.definitions.get(s)));
    const view: ProjectView = { engineId, name, inWorkspace: p.inWorkspace, services, status: projectStatus(services), description: projectDescription(services) };
    if (p.workingDir) view.workingDir = p.workingDir;
    if (p.configFiles) view.configFiles = p.configFiles;
    projects.push(view);
  }
  return projects.sort((a, b) => Number(b.inWorkspace) - Number(a.inWorkspace) || a.name.localeCompare(b.name));
}

/**
 * `selectProjects` of a newer state, from the views of an older one when only the named services'
 * containers changed in between (their state, health, name or details; no container of theirs came or
 * went): those services and their projects are rebuilt, everything else is kept as it was. Undefined
 * when that does not hold (then the caller selects afresh). The Services view asks for the views after
 * every health change; selecting 1,000 containers and 300 compose files afresh took 5–25 ms a time on a
 * busy 2-core machine, this takes one pass over the containers.
 */
export function patchProjects(previous: readonly ProjectView[], state: HealthState, services: ReadonlySet<string>): ProjectView[] | undefined {
  const records = new Map<string, ContainerRecord[]>();
  for (const c of state.containers.values()) {
    const key = serviceKey(c.engineId, c.compose.project, c.compose.service);
    if (!services.has(key)) continue;
    const list = records.get(key);
    if (list) list.push(c);
    else records.set(key, [c]);
  }
  const projects: ProjectView[] = [];
  for (const project of previous) {
    let changed = false;
    const views: ServiceHealthView[] = [];
    for (const service of project.services) {
      if (!services.has(service.key)) {
        views.push(service);
        continue;
      }
      const list = records.get(service.key) ?? [];
      // The same containers, so the same project, labels and workspace membership: only this view changes.
      if (list.length !== service.containers.length || !list.every((r) => service.containers.some((c) => c.record.id === r.id))) return undefined;
      views.push(buildServiceView(project.engineId, project.name, service.name, list, service.definition));
      changed = true;
    }
    projects.push(changed ? { ...project, services: views, status: projectStatus(views), description: projectDescription(views) } : project);
  }
  // A service left without containers is a structural change (the reducer says so); never patched.
  for (const key of services) if (!records.has(key)) return undefined;
  return projects;
}

function projectStatus(services: ServiceHealthView[]): DisplayStatus {
  const statuses = new Set(services.map((s) => s.status));
  return SERVICE_PRECEDENCE.find((s) => statuses.has(s)) ?? 'notCreated';
}

function projectDescription(services: ServiceHealthView[]): string {
  if (services.every((s) => s.status === 'notCreated')) return LABELS.notCreated;
  const checked = services.filter((s) => s.hasHealthcheck);
  if (checked.length > 0) return `${checked.filter((s) => s.status === 'healthy').length}/${checked.length} healthy`;
  return `${services.filter((s) => s.status === 'running').length}/${services.length} running`;
}

/**
 * The engines (in the setting's order) a compose file's project runs on: a container there was made
 * from the file (Compose's config_files label), or belongs to a service the file defines.
 */
export function enginesRunningFile(projects: readonly ProjectView[], file: string): EngineId[] {
  const engines: EngineId[] = [];
  for (const p of projects) {
    if (engines.includes(p.engineId)) continue;
    const runs = p.services.some((s) => s.containers.length > 0 && (s.definition?.file === file || s.containers.some((c) => c.record.compose.configFiles?.includes(file))));
    if (runs) engines.push(p.engineId);
  }
  return engines;
}

export function summarize(projects: readonly ProjectView[]): HealthSummary {
  return summaryOf(projects.flatMap((p) => p.services));
}

/** The summary's counts over services of any kind (Compose's, a stack's): those with a healthcheck, by badge. */
export function summaryOf(services: Iterable<{ hasHealthcheck: boolean; status: DisplayStatus }>): HealthSummary {
  const summary: HealthSummary = { healthy: 0, unhealthy: 0, starting: 0, checked: 0 };
  for (const s of services) {
    if (!s.hasHealthcheck) continue;
    summary.checked++;
    if (s.status === 'healthy') summary.healthy++;
    else if (s.status === 'unhealthy') summary.unhealthy++;
    else if (s.status === 'starting') summary.starting++;
  }
  return summary;
}

/**
 * For the hover on a compose file: each of its services' running container (the first one of a scaled
 * service) with the healthcheck the engine stored for it, as far as an inspect told the store (a health
 * event's, a hover's, an expand's). `missing` lists the running containers of the file not inspected yet;
 * `only` narrows both to one service.
 */
export function runningChecksOfFile(state: HealthState, identity: FileIdentity, only?: string): { checks: Map<string, RunningCheck>; missing: string[] } {
  const checks = new Map<string, RunningCheck>();
  const missing: string[] = [];
  const containers = [...state.containers.values()];
  const projects = new Set(projectsOfFile(identity, containers.map((c) => ({ project: c.compose.project, configFiles: c.compose.configFiles }))));
  for (const c of containers.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!projects.has(c.compose.project) || c.state !== 'running' || checks.has(c.compose.service)) continue;
    if (only !== undefined && c.compose.service !== only) continue;
    // Each container is read on its own engine (composeHealth.engines), whose API version decides the drift.
    const engine = state.engines.get(c.engineId);
    if (engine?.kind !== 'connected') continue;
    if (c.details) checks.set(c.compose.service, { container: c.name, spec: c.details.healthcheck, apiVersion: engine.version.apiVersion });
    else missing.push(c.id);
  }
  return { checks, missing };
}
