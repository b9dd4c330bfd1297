import * as vscode from 'vscode';
import { loadCompose } from '../core/compose';
import { COMPOSE_FILE_GLOB } from '../core/compose/files';
import type { HealthStore } from '../core/health/store';
import { workspaceComposeFile } from '../core/health/workspace';

/**
 * Feeds the store the services the workspace's compose files define, so services with no container
 * show as "not created". Each file is read when found and again only when it changes on disk.
 */
export class WorkspaceComposeFiles implements vscode.Disposable {
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: HealthStore,
    private readonly onError: (message: string) => void,
  ) {}

  /** Scans once and starts watching (called when the view first becomes visible). */
  async start(): Promise<void> {
    if (this.watcher) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(COMPOSE_FILE_GLOB);
    this.subscriptions.push(
      this.watcher,
      this.watcher.onDidCreate((uri) => void this.read(uri)),
      this.watcher.onDidChange((uri) => void this.read(uri)),
      this.watcher.onDidDelete((uri) => this.store.dispatch({ type: 'workspaceFileRemoved', file: uri.fsPath })),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.publishFolders()),
    );
    this.publishFolders();
    const uris = await vscode.workspace.findFiles(COMPOSE_FILE_GLOB, '**/node_modules/**');
    await Promise.all(uris.map((uri) => this.read(uri)));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private publishFolders(): void {
    this.store.dispatch({ type: 'workspaceFolders', folders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath) });
  }

  private async read(uri: vscode.Uri): Promise<void> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.store.dispatch({ type: 'workspaceFile', file: workspaceComposeFile(uri.fsPath, loadCompose(text, { fileName: uri.fsPath })) });
    } catch (error) {
      this.onError(`Reading ${uri.fsPath} for the Services view failed: ${(error as Error).message}`);
    }
  }
}
