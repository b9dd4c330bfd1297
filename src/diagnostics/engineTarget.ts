import * as vscode from 'vscode';
import type { ConnectionState, EngineConnectionView } from '../core/engine/connection';
import type { EngineTarget } from '../core/lint';

/** The engine the diagnostics are checked for, and an event when that changes. */
export interface EngineTargetSource {
  current(): EngineTarget | undefined;
  readonly onDidChange: vscode.Event<void>;
}

/**
 * The engine of the shared connection while it is connected; undefined otherwise, so that without a
 * connection the diagnostics are what they were before (nothing connects for them: the Services view
 * and the probes start the connection). Fires only when the engine's version changes, not on every
 * reconnect to the same engine.
 */
export class ConnectedEngineTarget implements EngineTargetSource, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private target: EngineTarget | undefined;
  private readonly subscription: { dispose(): void };

  constructor(connection: EngineConnectionView) {
    this.target = targetOf(connection.state);
    this.subscription = connection.onDidChangeState((state) => {
      const next = targetOf(state);
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

function targetOf(state: ConnectionState): EngineTarget | undefined {
  if (state.kind !== 'connected') return undefined;
  const { version, apiVersion } = state.session.version;
  return { version, apiVersion };
}

/** Equal keys, equal findings: what the diagnostics manager compares before checking a file again. */
export function keyOf(target: EngineTarget | undefined): string {
  return target ? `${target.version ?? ''}|${target.apiVersion ?? ''}` : '';
}
