import * as vscode from 'vscode';
import type { EngineTarget } from '../core/lint';
import type { HealthState } from '../core/health/model';
import type { HealthStore } from '../core/health/store';

/** The engine the diagnostics are checked for, and an event when that changes. */
export interface EngineTargetSource {
  current(): EngineTarget | undefined;
  readonly onDidChange: vscode.Event<void>;
}

/**
 * The first connected engine of the health store (in the order of composeHealth.engines); undefined
 * while none is, so that without a connection the diagnostics are what they were before (nothing
 * connects for them: the Services view and the probes start the connections). Fires only when that
 * engine's version changes, not on every reconnect to the same engine.
 */
export class ConnectedEngineTarget implements EngineTargetSource, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private target: EngineTarget | undefined;
  private readonly subscription: { dispose(): void };

  constructor(store: Pick<HealthStore, 'state' | 'onDidChange'>) {
    this.target = targetOf(store.state);
    this.subscription = store.onDidChange((change) => {
      if (!change.structural) return;
      const next = targetOf(store.state);
      if (keyOf(next) === keyOf(this.target)) return;
      this.target = next;
      this.changed.fire();
    });
  }

  current(): EngineTarget | undefined {
    return this.target;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
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
  return target ? `${target.version ?? ''}|${target.apiVersion ?? ''}` : '';
}
