import { Emitter, type Event } from '../engine/emitter';
import { EMPTY_STATE, serviceKey, type ContainerRecord, type EngineId, type HealthAction, type HealthChange, type HealthState } from './model';
import { reduce } from './reducer';
import { patchProjects, selectProjects, summarize, type HealthSummary, type ProjectScope, type ProjectView, type ServiceHealthView } from './select';

/** One dispatched action with the states around it. */
export interface AppliedAction {
  action: HealthAction;
  before: HealthState;
  after: HealthState;
}

/**
 * The single source of health truth: engine events and inspects go in through `dispatch`, views read
 * `projects()` / lookups and listen to `onDidChange`. Pure: no I/O, no timers.
 */
export class HealthStore {
  private current: HealthState;
  private readonly changeEmitter = new Emitter<HealthChange>();
  private readonly applyEmitter = new Emitter<AppliedAction>();
  /** The views of the current state, per scope (both are asked for while drawing one tree). */
  private memo: { state: HealthState; byScope: Map<ProjectScope, ProjectView[]> } | undefined;
  /**
   * Services whose containers changed since the memo's state, or `all` after a structural change: the
   * next `projects()` rebuilds only these (see patchProjects).
   */
  private changedSinceMemo: Set<string> | 'all' = 'all';

  /** Fires once per action that changed something a view shows, with what changed. */
  readonly onDidChange: Event<HealthChange> = this.changeEmitter.event;

  /**
   * Fires once per action, also when nothing a view shows changed (a `kill` event, a repeated probe
   * log), before `onDidChange`: the health history records from it, so that a view redrawn on
   * `onDidChange` already finds the history of what it draws.
   */
  readonly onDidApply: Event<AppliedAction> = this.applyEmitter.event;

  constructor(initial: HealthState = EMPTY_STATE) {
    this.current = initial;
  }

  get state(): HealthState {
    return this.current;
  }

  dispatch(action: HealthAction): HealthChange | undefined {
    const before = this.current;
    const { state, change } = reduce(before, action);
    // A new state that names no change would leave patched views behind: select afresh (the reducer
    // returns the same state when nothing changed, so this does not happen today).
    if (!change && state !== before) this.changedSinceMemo = 'all';
    this.current = state;
    // Noted before any listener runs, so one that reads the views gets them patched with this change.
    if (change) this.noteChanged(change);
    this.applyEmitter.fire({ action, before, after: state });
    if (change) this.changeEmitter.fire(change);
    return change;
  }

  /** Projects → services → containers, the workspace's projects first (computed once per state). */
  projects(scope: ProjectScope = 'all'): ProjectView[] {
    if (this.memo?.state !== this.current) this.memo = this.nextMemo();
    let projects = this.memo.byScope.get(scope);
    if (!projects) this.memo.byScope.set(scope, (projects = selectProjects(this.current, scope)));
    return projects;
  }

  summary(scope: ProjectScope = 'all'): HealthSummary {
    return summarize(this.projects(scope));
  }

  container(id: string): ContainerRecord | undefined {
    return this.current.containers.get(id);
  }

  /**
   * A service by Compose project name and service name, on the given engine, else on the first engine
   * that has it (the callers that only need where the workspace defines it).
   */
  service(project: string, service: string, engineId?: EngineId): ServiceHealthView | undefined {
    for (const p of this.projects('all')) {
      if (p.name !== project || (engineId !== undefined && p.engineId !== engineId)) continue;
      const found = p.services.find((s) => s.name === service);
      if (found) return found;
    }
    return undefined;
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.applyEmitter.dispose();
  }

  private noteChanged(change: HealthChange): void {
    if (this.changedSinceMemo === 'all') return;
    if (change.structural) {
      this.changedSinceMemo = 'all';
      return;
    }
    const changed = this.changedSinceMemo;
    for (const key of change.services) changed.add(key);
    // A view holds its containers' records, whose details (probe log, failing streak) the tooltips read.
    for (const id of change.details) {
      const record = this.current.containers.get(id);
      if (!record) {
        this.changedSinceMemo = 'all';
        return;
      }
      changed.add(serviceKey(record.engineId, record.compose.project, record.compose.service));
    }
  }

  /** The memo for the current state: the scopes already asked for patched where only services changed, else empty. */
  private nextMemo(): { state: HealthState; byScope: Map<ProjectScope, ProjectView[]> } {
    const changed = this.changedSinceMemo;
    this.changedSinceMemo = new Set();
    const byScope = new Map<ProjectScope, ProjectView[]>();
    if (this.memo && changed !== 'all') {
      for (const [scope, views] of this.memo.byScope) {
        const patched = patchProjects(views, this.current, changed);
        if (patched) byScope.set(scope, patched);
      }
    }
    return { state: this.current, byScope };
  }
}
