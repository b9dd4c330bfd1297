import { Emitter, type Event } from '../engine/emitter';
import { EMPTY_STATE, type ContainerRecord, type HealthAction, type HealthChange, type HealthState } from './model';
import { reduce } from './reducer';
import { selectProjects, summarize, type HealthSummary, type ProjectScope, type ProjectView, type ServiceHealthView } from './select';

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
    this.current = state;
    this.applyEmitter.fire({ action, before, after: state });
    if (change) this.changeEmitter.fire(change);
    return change;
  }

  /** Projects → services → containers, the workspace's projects first (computed once per state). */
  projects(scope: ProjectScope = 'all'): ProjectView[] {
    if (this.memo?.state !== this.current) this.memo = { state: this.current, byScope: new Map() };
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

  /** A service by Compose project name and service name. */
  service(project: string, service: string): ServiceHealthView | undefined {
    return this.projects('all')
      .find((p) => p.name === project)
      ?.services.find((s) => s.name === service);
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.applyEmitter.dispose();
  }
}
