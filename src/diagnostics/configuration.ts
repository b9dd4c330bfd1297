import * as vscode from 'vscode';

/**
 * The settings the diagnostics read, behind an interface so the manager does not know where they live.
 * Which files are compose files is the shared policy's (src/compose/composeFiles.ts), not a setting of theirs.
 */
export interface DiagnosticsConfiguration {
  readonly enabled: boolean;
  readonly onDidChange: vscode.Event<void>;
}

export class WorkspaceDiagnosticsConfiguration implements DiagnosticsConfiguration, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('composeHealth.diagnostics.enable')) this.changed.fire();
  });

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('composeHealth.diagnostics').get<boolean>('enable', true);
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
