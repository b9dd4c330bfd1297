import * as vscode from 'vscode';
import { parseServiceKey, type EngineId, type HealthChange, type HealthState } from '../core/health/model';
import type { ProjectScope, ProjectView } from '../core/health/select';
import type { HealthStore } from '../core/health/store';
import type { HealthHistory } from '../core/history/model';
import type { EngineMonitors } from '../engine/sharedEngine';
import { stacksInScope, stacksOfFile } from '../core/swarm/stackOfFile';
import type { SwarmModel, SwarmStack } from '../core/swarm/types';
import type { EngineSwarm } from '../swarm/views';
import { ElementCache, projectElementId, type ContainerElement, type TreeElement } from './elements';
import { containerItem, containerTooltip } from './items/containerItem';
import { engineItem } from './items/engineItem';
import { probeItem } from './items/probeItem';
import { projectItem } from './items/projectItem';
import { serviceItem, serviceTooltip } from './items/serviceItem';
import { stackItem, swarmServiceItem, taskItem } from './items/swarmItems';

/** What the tree reads of the engines' swarms (`SwarmViews`). */
export interface SwarmSource {
  swarm(engineId: EngineId): EngineSwarm | undefined;
}

/**
 * The Services view's data: projects → services → containers → last probes, read from the health store.
 * With several engines each is a top-level row with its projects under it; with one, its row comes
 * first and its projects beside it (no extra level).
 * `refresh(change)` redraws only what the change names; `stats` counts redraw requests for the tests and
 * benchmarks.
 */
export class ServicesTreeProvider implements vscode.TreeDataProvider<TreeElement>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeElement | TreeElement[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  readonly elements = new ElementCache();
  /** Containers whose probe children are on screen: only those are redrawn when their log changes. */
  readonly expanded = new Set<string>();
  readonly stats = { refreshes: 0 };
  /** Containers being hovered: redrawing one would close its tooltip, so their new log waits for the next redraw. */
  private readonly resolving = new Set<string>();
  private readonly renderedProjects = new Map<string, string>();
  /**
   * Elements VS Code holds since the last full redraw (it asked for their item). A targeted redraw may
   * name only those: VS Code drops its nodes on a full redraw and asks for them again, and redrawing one
   * it does not hold fails there ("Data tree node not found", seen with several engines when a project
   * left an engine's row); one it does not hold is drawn afresh when it is asked for anyway.
   */
  private readonly drawn = new Set<string>();
  /** Each engine's stack names as last drawn: a stack that came or went redraws the engine's rows, anything else only its stack rows. */
  private readonly drawnStacks = new Map<EngineId, string>();
  private readonly stacksMemo = new Map<EngineId, { model: SwarmModel; scope: ProjectScope; files: HealthState['workspaceFiles']; stacks: SwarmStack[] }>();
  private shownMemo: { projects: ProjectView[]; models: SwarmModel[]; shown: ProjectView[] } | undefined;

  constructor(
    private readonly store: HealthStore,
    private readonly monitor: EngineMonitors,
    private readonly history: HealthHistory,
    private readonly scope: () => ProjectScope,
    private readonly swarms: SwarmSource,
  ) {}

  /**
   * Redraws an engine's swarm after its monitor applied a change: the stack rows (VS Code asks for their
   * services and tasks again), or everything when the engine's set of stacks changed.
   */
  refreshSwarm(engineId: EngineId): void {
    const stacks = this.stacksOf(engineId);
    const names = stacks.map((s) => s.name ?? '').join('\0');
    if (names !== (this.drawnStacks.get(engineId) ?? '')) {
      this.drawnStacks.set(engineId, names);
      this.drawn.clear();
      this.stats.refreshes++;
      this.changeEmitter.fire(undefined);
      return;
    }
    const targets = stacks.map((s) => this.elements.stack(engineId, s.name)).filter((e) => this.drawn.has(e.id));
    if (targets.length === 0) return;
    this.stats.refreshes++;
    this.changeEmitter.fire(targets);
  }

  /** Redraws what changed: everything after a structural change, else the named services (and their project when its summary changed). */
  refresh(change: HealthChange): void {
    let targets: TreeElement[] | undefined = [];
    if (change.structural) {
      targets = undefined;
      this.drawn.clear();
    } else {
      const touchedProjects = new Map<string, { engineId: EngineId; project: string }>();
      for (const key of change.services) {
        const { engineId, project } = parseServiceKey(key);
        const element = this.elements.find(`service:${key}`);
        if (element && this.drawn.has(element.id)) targets.push(element);
        touchedProjects.set(projectElementId(engineId, project), { engineId, project });
      }
      for (const [id, { engineId, project }] of touchedProjects) {
        const view = this.project(engineId, project);
        const element = this.elements.find(id);
        if (view && element && this.drawn.has(id) && this.renderedProjects.get(id) !== `${view.status}|${view.description}`) targets.push(element);
      }
      for (const id of change.details) {
        const element = this.elements.find(`container:${id}`);
        if (element && this.drawn.has(element.id) && this.expanded.has(id) && !this.resolving.has(id)) targets.push(element);
      }
      if (targets.length === 0) return;
    }
    this.stats.refreshes++;
    this.changeEmitter.fire(targets);
  }

  getTreeItem(element: TreeElement): vscode.TreeItem {
    this.drawn.add(element.id);
    const scope = this.scope();
    switch (element.kind) {
      case 'engine': {
        const status = this.store.state.engines.get(element.engineId);
        return status ? engineItem(element, status, this.store.state.engines.size > 1, this.swarms.swarm(element.engineId)) : gone(element);
      }
      case 'project': {
        const view = this.project(element.engineId, element.project, scope);
        if (!view) return gone(element);
        this.renderedProjects.set(element.id, `${view.status}|${view.description}`);
        return projectItem(element, view);
      }
      case 'service': {
        const view = this.store.service(element.project, element.service, element.engineId);
        return view ? serviceItem(element, view) : gone(element);
      }
      case 'container': {
        const view = this.store.service(element.project, element.service, element.engineId)?.containers.find((c) => c.record.id === element.containerId);
        return view ? containerItem(element, view) : gone(element);
      }
      case 'probe': {
        const probe = this.store.container(element.containerId)?.details?.probeLog.find((p) => p.start === element.start);
        return probe ? probeItem(element, probe) : gone(element);
      }
      case 'stack': {
        const swarm = this.swarms.swarm(element.engineId);
        const stack = this.stacksOf(element.engineId).find((s) => s.name === element.stack);
        return stack && swarm?.kind === 'active' ? stackItem(element, stack, swarm.model) : gone(element);
      }
      case 'swarmService': {
        const service = this.swarmService(element.engineId, element.serviceId);
        return service ? swarmServiceItem(element, service) : gone(element);
      }
      case 'task': {
        const service = this.swarmService(element.engineId, element.serviceId);
        const task = service?.tasks.find((t) => t.id === element.taskId);
        return service && task ? taskItem(element, task, service, this.swarms.swarm(element.engineId)) : gone(element);
      }
    }
  }

  getChildren(element?: TreeElement): TreeElement[] {
    const scope = this.scope();
    if (!element) {
      const engines = [...this.store.state.engines];
      this.forgetVanished();
      if (engines.length > 1) return engines.map(([engineId]) => this.elements.engine(engineId));
      if (engines.length === 0) return [];
      const [engineId, status] = engines[0];
      if (status.kind !== 'connected') return status.kind === 'unknown' ? [] : [this.elements.engine(engineId)];
      return [this.elements.engine(engineId), ...this.projectsOf(engineId, scope), ...this.stackRows(engineId)];
    }
    switch (element.kind) {
      case 'engine':
        return this.store.state.engines.size > 1 ? [...this.projectsOf(element.engineId, scope), ...this.stackRows(element.engineId)] : [];
      case 'stack':
        return (this.stacksOf(element.engineId).find((s) => s.name === element.stack)?.services ?? []).map((s) => this.elements.swarmService(element.engineId, element.stack, s.id));
      case 'swarmService':
        return (this.swarmService(element.engineId, element.serviceId)?.tasks ?? []).map((t) => this.elements.task(element.engineId, element.stack, element.serviceId, t.id));
      case 'project': {
        const view = this.project(element.engineId, element.project, scope);
        return (view?.services ?? []).map((s) => this.elements.service(s.engineId, s.project, s.name));
      }
      case 'service': {
        const view = this.store.service(element.project, element.service, element.engineId);
        return (view?.containers ?? []).map((c) => this.elements.container(c.record.id, c.record.engineId, element.project, element.service));
      }
      case 'container':
        return this.probeChildren(element);
      default:
        return [];
    }
  }

  getParent(element: TreeElement): TreeElement | undefined {
    switch (element.kind) {
      case 'project':
        return this.store.state.engines.size > 1 ? this.elements.engine(element.engineId) : undefined;
      case 'service': {
        const engineId = element.engineId ?? this.store.service(element.project, element.service)?.engineId;
        return engineId === undefined ? undefined : this.elements.project(engineId, element.project);
      }
      case 'container':
        return this.elements.service(element.engineId, element.project, element.service);
      case 'probe': {
        const record = this.store.container(element.containerId);
        return record ? this.elements.container(record.id, record.engineId, record.compose.project, record.compose.service) : undefined;
      }
      case 'stack':
        return this.store.state.engines.size > 1 ? this.elements.engine(element.engineId) : undefined;
      case 'swarmService':
        return this.elements.stack(element.engineId, element.stack);
      case 'task':
        return this.elements.swarmService(element.engineId, element.stack, element.serviceId);
      default:
        return undefined;
    }
  }

  /**
   * Hovering a container inspects it, so the tooltip shows the probe log as it is now. A service's tooltip
   * reads the history (when its failing episode began, and why) as it is at the hover.
   */
  async resolveTreeItem(item: vscode.TreeItem, element: TreeElement): Promise<vscode.TreeItem> {
    if (element.kind === 'service') {
      // An unhealthy container seen first in the list after a connect has no probe log in the history yet
      // (Docker's list gives only the status): inspect it, as hovering the container would.
      const unhealthy = this.store.service(element.project, element.service, element.engineId)?.containers.filter((c) => c.status === 'unhealthy') ?? [];
      await Promise.all(unhealthy.map((c) => this.monitor.requestDetails(c.record.id)));
      const view = this.store.service(element.project, element.service, element.engineId);
      if (view) item.tooltip = serviceTooltip(view, this.history.lane(element.project, element.service), Date.now());
      return item;
    }
    if (element.kind !== 'container') return item;
    this.resolving.add(element.containerId);
    try {
      await this.monitor.requestDetails(element.containerId);
    } finally {
      this.resolving.delete(element.containerId);
    }
    const view = this.store.service(element.project, element.service, element.engineId)?.containers.find((c) => c.record.id === element.containerId);
    if (view) item.tooltip = containerTooltip(view.record, view.description);
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  /**
   * Expanding a container shows its last probes, newest first. The children come from what the store
   * holds, synchronously: VS Code registers children by id, and two overlapping fetches of the same
   * container (an expand racing a refresh) would register the same ids twice. The inspect made on expand
   * runs in the background and its result redraws the container, which is now in `expanded`.
   */
  private probeChildren(element: ContainerElement): TreeElement[] {
    if (!this.expanded.has(element.containerId)) {
      this.expanded.add(element.containerId);
      void this.monitor.requestDetails(element.containerId);
    }
    const log = this.store.container(element.containerId)?.details?.probeLog ?? [];
    const children = [...log].reverse().map((p) => this.elements.probe(element.containerId, p.start));
    this.elements.pruneProbes(element.containerId, new Set(children.map((c) => c.id)));
    return children;
  }

  /** An engine's project rows. */
  private projectsOf(engineId: EngineId, scope: ProjectScope): TreeElement[] {
    return this.projectsShown(scope)
      .filter((p) => p.engineId === engineId)
      .map((p) => this.elements.project(engineId, p.name));
  }

  /**
   * The Compose projects the view shows (the status bar and the badge count the same): the store's, less
   * a workspace file's project that has no container on an engine while that file runs as a stack (on
   * any listed engine). The stack's rows say what runs; a "not created" Compose project would count the
   * same services again and suggest `docker compose up` for a file deployed with `docker stack deploy`.
   */
  projectsShown(scope = this.scope()): ProjectView[] {
    const projects = this.store.projects(scope);
    const models = [...this.store.state.engines.keys()].flatMap((id) => {
      const swarm = this.swarms.swarm(id);
      return swarm?.kind === 'active' ? [swarm.model] : [];
    });
    if (models.length === 0) return projects;
    // Asked for on every row and redraw: filtered again only when the store's projects or a swarm changed.
    const memo = this.shownMemo;
    if (memo?.projects === projects && memo.models.length === models.length && memo.models.every((m, i) => m === models[i])) return memo.shown;
    const shown = projects.filter((p) => !(p.inWorkspace && p.services.every((s) => s.containers.length === 0) && models.some((m) => stacksOfFile(p.services.map((s) => s.name), m).length > 0)));
    this.shownMemo = { projects, models, shown };
    return shown;
  }

  /**
   * An engine's stacks the view shows, when it manages a swarm (nothing for an engine outside one: plain
   * Compose users see no Swarm rows); the status bar and the view's badge count the same.
   */
  stacksOf(engineId: EngineId): SwarmStack[] {
    const swarm = this.swarms.swarm(engineId);
    if (swarm?.kind !== 'active') return [];
    // Asked for by every stack, service and task row: matched again only when the model, the scope or the workspace's files changed.
    const scope = this.scope();
    const files = this.store.state.workspaceFiles;
    const memo = this.stacksMemo.get(engineId);
    if (memo?.model === swarm.model && memo.scope === scope && memo.files === files) return memo.stacks;
    const stacks = stacksInScope(swarm.model, scope, files.values());
    this.stacksMemo.set(engineId, { model: swarm.model, scope, files, stacks });
    return stacks;
  }

  private stackRows(engineId: EngineId): TreeElement[] {
    const stacks = this.stacksOf(engineId);
    this.drawnStacks.set(engineId, stacks.map((s) => s.name ?? '').join('\0'));
    return stacks.map((s) => this.elements.stack(engineId, s.name));
  }

  private swarmService(engineId: EngineId, serviceId: string) {
    for (const stack of this.stacksOf(engineId)) {
      const service = stack.services.find((s) => s.id === serviceId);
      if (service) return service;
    }
    return undefined;
  }

  private project(engineId: EngineId, name: string, scope = this.scope()): ProjectView | undefined {
    return this.projectsShown(scope).find((p) => p.engineId === engineId && p.name === name);
  }

  /** Drops cached elements of engines, projects, services and containers that no longer exist. */
  private forgetVanished(): void {
    const state = this.store.state;
    const projects = this.projectsShown();
    const projectIds = new Set(projects.map((p) => projectElementId(p.engineId, p.name)));
    const services = new Set(projects.flatMap((p) => p.services.map((s) => `service:${s.key}`)));
    this.elements.retain((e) => {
      switch (e.kind) {
        case 'engine':
          return state.engines.has(e.engineId);
        case 'project':
          return projectIds.has(e.id);
        case 'service':
          return services.has(e.id);
        case 'container':
        case 'probe':
          return state.containers.has(e.containerId);
        case 'stack':
          return this.stacksOf(e.engineId).some((s) => s.name === e.stack);
        case 'swarmService':
          return this.swarmService(e.engineId, e.serviceId) !== undefined;
        case 'task':
          return this.swarmService(e.engineId, e.serviceId)?.tasks.some((t) => t.id === e.taskId) === true;
        default:
          return true;
      }
    });
    for (const id of this.expanded) if (!state.containers.has(id)) this.expanded.delete(id);
  }
}

/** An element whose data vanished between the redraw request and VS Code asking for it. */
function gone(element: TreeElement): vscode.TreeItem {
  const item = new vscode.TreeItem('…', vscode.TreeItemCollapsibleState.None);
  item.id = element.id;
  return item;
}
