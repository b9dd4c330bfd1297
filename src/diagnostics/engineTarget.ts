import * as vscode from 'vscode';
import type { ConnectionState, EngineConnectionView, EngineSession } from '../core/engine/connection';
import type { EngineTarget } from '../core/lint';

/** The engine the diagnostics are checked for, and an event when that changes. */
export interface EngineTargetSource {
  current(): EngineTarget | undefined;
  readonly onDidChange: vscode.Event<void>;
}

/**
 * The engine of the shared connection while it is connected; undefined otherwise, so that without a
 * connection the diagnostics are what they were before (nothing connects for them: the Services view
 * and the probes start the connection). Fires only when the engine's version or Swarm mode changes, not
 * on every reconnect to the same engine.
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
      // A reconnect to the same engine keeps what was read of its Swarm mode until it is read again.
      const previous = this.target;
      if (next && previous && previous.version === next.version && previous.apiVersion === next.apiVersion) next.swarm = previous.swarm;
      this.set(next);
      if (state.kind === 'connected') void this.readSwarmMode(state.session);
    });
    if (connection.state.kind === 'connected') void this.readSwarmMode(connection.state.session);
  }

  /**
   * Whether the engine is an active Swarm node, asked once per session (`GET /info`): a file with a
   * `deploy:` section is then checked as a stack file too. A failed request leaves it unknown.
   */
  private async readSwarmMode(session: EngineSession): Promise<void> {
    const swarm = await session.client.swarmState().then(
      (state) => state.localNodeState === 'active',
      () => undefined,
    );
    const current = this.target;
    if (current && swarm !== undefined && current.version === session.version.version) this.set({ ...current, swarm });
  }

  private set(next: EngineTarget | undefined): void {
    if (keyOf(next) === keyOf(this.target)) {
      this.target = next;
      return;
    }
    this.target = next;
    this.changed.fire();
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
  return target ? `${target.version ?? ''}|${target.apiVersion ?? ''}${target.swarm ? '|swarm' : ''}` : '';
}
