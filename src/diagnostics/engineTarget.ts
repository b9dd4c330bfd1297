import * as vscode from 'vscode';
import type { EngineTarget } from '../core/lint';
import type { EngineId, HealthState } from '../core/health/model';
import type { HealthStore } from '../core/health/store';

/** The engine the diagnostics are checked for, and an event when that changes. */
export interface EngineTargetSource {
  current(): EngineTarget | undefined;
  readonly onDidChange: vscode.Event<void>;
}

/**
 * The first connected engine of the health store (in the order of composeHealth.engines); undefined
 * while none is, so that without a connection the diagnostics are what they were before (nothing
 * connects for them: the Services view and the probes start the connections). Whether that engine is a
 * Swarm node is asked once (`swarmOf`: `GET /info`), when it becomes the target: a file with a `deploy:`
 * section is then checked as a stack file too. Fires only when the engine's version or Swarm mode
 * changes, not on every reconnect to the same engine.
 */
export class ConnectedEngineTarget implements EngineTargetSource, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private target: EngineTarget | undefined;
  private engineId: EngineId | undefined;
  private readonly subscription: { dispose(): void };

  constructor(
    store: Pick<HealthStore, 'state' | 'onDidChange'>,
    private readonly swarmOf: (engineId: EngineId) => Promise<boolean | undefined> = async () => undefined,
  ) {
    this.follow(targetOf(store.state));
    this.subscription = store.onDidChange((change) => {
      if (change.structural) this.follow(targetOf(store.state));
    });
  }

  private follow(next: { engineId: EngineId; target: EngineTarget } | undefined): void {
    const previous = this.target;
    // A reconnect to the same engine keeps what was read of its Swarm mode.
    if (next && previous && this.engineId === next.engineId && previous.version === next.target.version && previous.apiVersion === next.target.apiVersion) return;
    this.engineId = next?.engineId;
    this.set(next?.target);
    if (next) void this.readSwarmMode(next.engineId, next.target.version);
  }

  /** A failed request leaves Swarm mode unknown. */
  private async readSwarmMode(engineId: EngineId, version: string | undefined): Promise<void> {
    const swarm = await this.swarmOf(engineId).catch(() => undefined);
    const current = this.target;
    if (current && swarm !== undefined && this.engineId === engineId && current.version === version) this.set({ ...current, swarm });
  }

  private set(next: EngineTarget | undefined): void {
    const fire = keyOf(next) !== keyOf(this.target);
    this.target = next;
    if (fire) this.changed.fire();
  }

  current(): EngineTarget | undefined {
    return this.target;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function targetOf(state: HealthState): { engineId: EngineId; target: EngineTarget } | undefined {
  for (const [engineId, engine] of state.engines) {
    if (engine.kind !== 'connected') continue;
    const { version, apiVersion } = engine.version;
    return { engineId, target: { version, apiVersion } };
  }
  return undefined;
}

/** Equal keys, equal findings: what the diagnostics manager compares before checking a file again. */
export function keyOf(target: EngineTarget | undefined): string {
  return target ? `${target.version ?? ''}|${target.apiVersion ?? ''}${target.swarm ? '|swarm' : ''}` : '';
}
