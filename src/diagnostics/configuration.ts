import * as vscode from 'vscode';

/** The settings the diagnostics read, behind an interface so the manager does not know where they live. */
export interface DiagnosticsConfiguration {
  readonly enabled: boolean;
  /** Extra globs from `composeHealth.diagnostics.files`. */
  readonly extraGlobs: readonly string[];
  readonly onDidChange: vscode.Event<void>;
}

export class WorkspaceDiagnosticsConfiguration implements DiagnosticsConfiguration, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('composeHealth.diagnostics')) this.changed.fire();
  });

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('composeHealth.diagnostics').get<boolean>('enable', true);
  }

  get extraGlobs(): readonly string[] {
    const globs = vscode.workspace.getConfiguration('composeHealth.diagnostics').get<unknown>('files', []);
    return Array.isArray(globs) ? globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
