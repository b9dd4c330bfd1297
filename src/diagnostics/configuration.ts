import * as vscode from 'vscode';

/**
 * The settings the diagnostics read, behind an interface so the manager does not know where they live.
 * Which files are compose files is the shared policy's (src/compose/composeFiles.ts), not a setting of theirs.
 */
export interface DiagnosticsConfiguration {
  readonly enabled: boolean;
  /** `composeHealth.swarm.stackFiles`: globs of the files deployed with `docker stack deploy`. */
  readonly stackFiles: readonly string[];
  readonly onDidChange: vscode.Event<void>;
}

export class WorkspaceDiagnosticsConfiguration implements DiagnosticsConfiguration, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('composeHealth.diagnostics.enable') || e.affectsConfiguration('composeHealth.swarm.stackFiles')) this.changed.fire();
  });

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('composeHealth.diagnostics').get<boolean>('enable', true);
  }

  get stackFiles(): readonly string[] {
    const value = vscode.workspace.getConfiguration('composeHealth.swarm').get<unknown>('stackFiles', []);
    return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
