import * as vscode from 'vscode';
import type { EngineTarget } from '../core/lint';
import type { HealthState } from '../core/health/model';
import type { HealthStore } from '../core/health/store';

/** The engine the diagnostics are checked for, and an event when that changes. */
export interface EngineTargetSource {
  current(): EngineTarget | undefined;
  readonly onDidChange: vscode.Event<void>;
}

/** Whether any listed engine is a Swarm node, as far as known (`SwarmViews`), and when that may have changed. */
export interface SwarmModeSource {
  anyInSwarm(): boolean;
  readonly onDidChange: vscode.Event<unknown>;
}

/**
 * The first connected engine of the health store (in the order of composeHealth.engines); undefined
 * while none is, so that without a connection the diagnostics are what they were before (nothing
 * connects for them: the Services view and the probes start the connections). `swarm` is set while any
 * listed engine is a Swarm node (read once per connection, `GET /info`): a file with a `deploy:` section
 * is then checked as a stack file too, whichever engine comes first. Fires only when what the rules
 * read changes (version, API version, Swarm mode), not on every reconnect or Swarm change.
 */
export class ConnectedEngineTarget implements EngineTargetSource, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private target: EngineTarget | undefined;
  private readonly subscriptions: Array<{ dispose(): void }>;

  constructor(
    private readonly store: Pick<HealthStore, 'state' | 'onDidChange'>,
    private readonly swarms?: SwarmModeSource,
  ) {
    this.target = this.read();
    this.subscriptions = [
      store.onDidChange((change) => {
        if (change.structural) this.update();
      }),
    ];
    if (swarms) this.subscriptions.push(swarms.onDidChange(() => this.update()));
  }

  current(): EngineTarget | undefined {
    return this.target;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }

  private read(): EngineTarget | undefined {
    const target = targetOf(this.store.state);
    return target && this.swarms?.anyInSwarm() ? { ...target, swarm: true } : target;
  }

  private update(): void {
    const next = this.read();
    const fire = keyOf(next) !== keyOf(this.target);
    this.target = next;
    if (fire) this.changed.fire();
  }
}

function targetOf(state: HealthState): EngineTarget | undefined {
  for (const engine of state.engines.values()) {
    if (engine.kind !== 'connected') continue;
    const { version, apiVersion } = engine.version;
    return { version, apiVersion };
  }
  return undefined;
}

/** Equal keys, equal findings: what the diagnostics manager compares before checking a file again. */
export function keyOf(target: EngineTarget | undefined): string {
  return target ? `${target.version ?? ''}|${target.apiVersion ?? ''}${target.swarm ? '|swarm' : ''}` : '';
}
