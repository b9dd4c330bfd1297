import * as vscode from 'vscode';
import type { ComposeFiles, DiskComposeFile } from '../compose/composeFiles';
import type { ComposeDocumentService } from '../compose/documents';
import type { HealthStore } from '../core/health/store';
import { workspaceComposeFile } from '../core/health/workspace';

/**
 * Feeds the store the services the workspace's compose files define, so services with no container
 * show as "not created". The files, their watching and their reads are the shared policy's
 * (ComposeFiles: the names Compose looks for and `composeHealth.files`); each is read when found and
 * again only when it or a file its parse read (`.env`, base file, `extends` target) changes.
 */
export class WorkspaceComposeFiles implements vscode.Disposable {
  private started = false;
  /** The files this view has read (a change to a file their parse read reloads them). */
  private readonly read = new Set<string>();
  /** The latest read of each file: an earlier one that ends later must not overwrite it. */
  private readonly latest = new Map<string, Promise<DiskComposeFile | undefined>>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly store: HealthStore,
    private readonly files: ComposeFiles,
    private readonly documents: ComposeDocumentService,
  ) {}

  /** Loads the workspace's files and follows them (after activation, or when the view is first shown; later calls do nothing). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.subscriptions.push(
      this.files.onDidChangeFile((e) => (e.kind === 'removed' ? this.removed(e.uri) : void this.load(e.uri))),
      this.documents.onDidInvalidate((uris) => {
        for (const uri of uris) if (this.read.has(uri.toString())) void this.load(uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.publishFolders()),
    );
    this.publishFolders();
    await Promise.all((await this.files.workspaceFiles()).map((uri) => this.load(uri)));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private publishFolders(): void {
    this.store.dispatch({ type: 'workspaceFolders', folders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath) });
  }

  private removed(uri: vscode.Uri): void {
    this.read.delete(uri.toString());
    this.latest.delete(uri.toString());
    this.store.dispatch({ type: 'workspaceFileRemoved', file: uri.fsPath });
  }

  private async load(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const reading = this.files.read(uri);
    this.latest.set(key, reading);
    const file = await reading;
    if (this.latest.get(key) !== reading) return;
    this.latest.delete(key);
    // Gone or unreadable (ComposeFiles logs why): its removal event follows or came first.
    if (!file) return;
    this.read.add(key);
    this.store.dispatch({ type: 'workspaceFile', file: workspaceComposeFile(uri.fsPath, file.parsed.model()) });
  }
}
