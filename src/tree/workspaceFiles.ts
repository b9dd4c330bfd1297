import * as vscode from 'vscode';
import type { ComposeDocumentService } from '../compose/documents';
import { COMPOSE_FILE_GLOB } from '../core/compose/files';
import type { HealthStore } from '../core/health/store';
import { workspaceComposeFile } from '../core/health/workspace';

/**
 * Feeds the store the services the workspace's compose files define, so services with no container
 * show as "not created". Each file is read when found and again only when it or a file its parse read
 * (`.env`, base file, `extends` target) changes; the parse is the shared one (ComposeDocumentService).
 */
export class WorkspaceComposeFiles implements vscode.Disposable {
  private watcher: vscode.FileSystemWatcher | undefined;
  /** The files this view has read (a change to a file their parse read reloads them). */
  private readonly read = new Set<string>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: HealthStore,
    private readonly documents: ComposeDocumentService,
    private readonly onError: (message: string) => void,
  ) {}

  /** Scans once and starts watching (after activation, or when the view is first shown; later calls do nothing). */
  async start(): Promise<void> {
    if (this.watcher) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(COMPOSE_FILE_GLOB);
    this.subscriptions.push(
      this.watcher,
      this.watcher.onDidCreate((uri) => this.changedOnDisk(uri)),
      this.watcher.onDidChange((uri) => this.changedOnDisk(uri)),
      this.watcher.onDidDelete((uri) => {
        this.read.delete(uri.toString());
        this.documents.fileChanged(uri);
        this.store.dispatch({ type: 'workspaceFileRemoved', file: uri.fsPath });
      }),
      this.documents.onDidInvalidate((uris) => {
        for (const uri of uris) if (this.read.has(uri.toString())) void this.load(uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.publishFolders()),
    );
    this.publishFolders();
    const uris = await vscode.workspace.findFiles(COMPOSE_FILE_GLOB, '**/node_modules/**');
    await Promise.all(uris.map((uri) => this.load(uri)));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private publishFolders(): void {
    this.store.dispatch({ type: 'workspaceFolders', folders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath) });
  }

  /** A compose file may be another's base or `extends` target: the files whose parse read it reload too. */
  private changedOnDisk(uri: vscode.Uri): void {
    this.documents.fileChanged(uri);
    void this.load(uri);
  }

  private async load(uri: vscode.Uri): Promise<void> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const parsed = this.documents.forFile(uri, `disk:${stat.mtime}:${stat.size}`, text);
      this.read.add(uri.toString());
      this.store.dispatch({ type: 'workspaceFile', file: workspaceComposeFile(uri.fsPath, parsed.model()) });
    } catch (error) {
      this.onError(`Reading ${uri.fsPath} for the Services view failed: ${(error as Error).message}`);
    }
  }
}
