import * as vscode from 'vscode';
import type { ComposeDocumentService } from '../compose/documents';
import type { AnalyzedFile } from '../core/compose/analysisCache';
import { COMPOSE_FILE_GLOB } from '../core/compose/files';
import { lintAnalysis, type Finding } from '../core/lint';
import { LineIndex } from '../core/compose/range';
import type { FindingsSource } from './codeActions';
import { isDocumentToCheck, workspaceGlob } from './checkedDocuments';
import type { DiagnosticsConfiguration } from './configuration';
import { PendingSetDelayer } from './delayer';
import { keyOf, type EngineTargetSource } from './engineTarget';
import type { RuleLinks } from './ruleLinks';
import { FINDING_SOURCE, toDiagnostic, type PositionMapper } from './findingToDiagnostic';

/** Typing pauses shorter than this do not trigger a check (the markdown extension uses the same delay). */
const TYPING_DELAY_MS = 300;
/** Files of a workspace scan read at the same time. */
const CONCURRENT_READS = 16;

/** Entries created on disk are looked at once per burst (a checkout or an unpack creates many at once). */
const CREATED_ENTRIES_DELAY_MS = 300;

/** What was last checked for a file, and for which version of it (`doc:<version>` or `disk:<mtime>:<size>`). */
interface Checked {
  uri: vscode.Uri;
  version: string;
  /**
   * The shared parse the findings came from: the same parse under a new version (a file opened or closed
   * unchanged) is not a reason to lint again.
   */
  parsed: AnalyzedFile;
  /** The engine the findings were computed for (`keyOf`): another engine is a reason to lint again. */
  engine: string;
  findings: Finding[];
}

/** Compose files that dependencies ship (node_modules) are not the user's to fix. */
function isDependencyFolder(uri: vscode.Uri): boolean {
  return uri.path.includes('/node_modules/');
}

/** Whether `uri` lies inside the folder `folder` (at any depth). */
function isInside(uri: vscode.Uri, folder: vscode.Uri): boolean {
  return uri.toString().startsWith(`${folder.toString()}/`);
}

/** The entries of `uris` that are folders: one listing of each parent folder, not one stat per entry. */
async function foldersAmong(uris: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
  const byParent = new Map<string, { parent: vscode.Uri; children: vscode.Uri[] }>();
  for (const uri of uris) {
    const parent = vscode.Uri.joinPath(uri, '..');
    const group = byParent.get(parent.toString()) ?? { parent, children: [] };
    group.children.push(uri);
    byParent.set(parent.toString(), group);
  }
  const folders: vscode.Uri[] = [];
  for (const { parent, children } of byParent.values()) {
    let listing: Map<string, vscode.FileType>;
    try {
      listing = new Map(await vscode.workspace.fs.readDirectory(parent));
    } catch {
      continue; // gone again since: nothing in it to check
    }
    for (const child of children) {
      if ((listing.get(child.path.slice(child.path.lastIndexOf('/') + 1)) ?? 0) & vscode.FileType.Directory) folders.push(child);
    }
  }
  return folders;
}

export interface ScanOptions {
  /** Re-check files even when their version did not change (the "Check All Compose Files" command). */
  force?: boolean;
  progress?: vscode.Progress<{ message?: string; increment?: number }>;
  token?: vscode.CancellationToken;
}

export interface ScanResult {
  files: number;
  problems: number;
}

/**
 * Owns the Problems-panel entries of compose files. Open documents are checked as the user types (only the
 * documents that changed, after a pause); files that are not open are read from disk when the workspace
 * is scanned and when they change on disk; a file is checked again when a file its check read changed.
 * Parses come from the shared ComposeDocumentService (cached by version, dependencies tracked there),
 * so nothing unchanged is parsed twice, and the hover and the probe lenses use the same parse.
 */
export class DiagnosticsManager implements FindingsSource, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(FINDING_SOURCE);
  private readonly checked = new Map<string, Checked>();
  private readonly delayer = new PendingSetDelayer<vscode.Uri>(TYPING_DELAY_MS, (uris) => {
    for (const uri of uris) this.check(uri);
  });
  private readonly createdEntries = new PendingSetDelayer<vscode.Uri>(CREATED_ENTRIES_DELAY_MS, (uris) => void this.entriesCreated(uris));
  /**
   * The disk read in flight for each file. A read publishes only while it is the latest one for its file:
   * a later read (another watcher event) or a deletion makes an earlier one stale, whatever order their
   * awaits finish in.
   */
  private readonly diskReads = new Map<string, object>();
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private scanCancellation: vscode.CancellationTokenSource | undefined;
  private startTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly configuration: DiagnosticsConfiguration,
    private readonly documents: ComposeDocumentService,
    private readonly ruleLinks: RuleLinks,
    private readonly log: vscode.LogOutputChannel,
    private readonly engine: EngineTargetSource,
  ) {
    this.disposables.push(
      this.collection,
      this.delayer,
      this.createdEntries,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.documentClosed(doc)),
      // A file a check read changed (an edit, a save, a close, a watcher's event below).
      documents.onDidInvalidate((uris) => this.dependenciesChanged(uris)),
      configuration.onDidChange(() => this.restart()),
      engine.onDidChange(() => this.engineChanged()),
    );
  }

  /** Starts checking; the workspace scan runs after activation has returned, in the background. */
  start(): void {
    if (!this.configuration.enabled) return;
    this.watch();
    clearTimeout(this.startTimer);
    this.startTimer = setTimeout(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking compose files' }, () => this.scan());
    }, 0);
  }

  /** Checks every open compose document and every compose file of the workspace. */
  async scan(options: ScanOptions = {}): Promise<ScanResult> {
    this.scanCancellation?.cancel();
    const cancellation = (this.scanCancellation = new vscode.CancellationTokenSource());
    const forwarded = options.token?.onCancellationRequested(() => cancellation.cancel());
    try {
      return await this.scanWith(options, cancellation.token);
    } finally {
      forwarded?.dispose();
      cancellation.dispose();
    }
  }

  private async scanWith(options: ScanOptions, token: vscode.CancellationToken): Promise<ScanResult> {
    const seen = new Set<string>();
    for (const doc of vscode.workspace.textDocuments) {
      if (!this.isChecked(doc)) continue;
      if (options.force) this.checked.delete(doc.uri.toString());
      this.checkDocument(doc);
      seen.add(doc.uri.toString());
    }
    const files = await this.findComposeFiles(token);
    let done = 0;
    // Each stat and read is a round trip (through the workbench, for a remote extension host): one
    // file after another, 300 files cost 600 round trips in a row. A few at a time overlap them; the
    // parse and lint of each still run one at a time on this thread.
    const queue = [...files];
    const worker = async () => {
      for (let uri = queue.shift(); uri && !token.isCancellationRequested; uri = queue.shift()) {
        seen.add(uri.toString());
        if (options.force) this.checked.delete(uri.toString());
        await this.checkFileOnDisk(uri);
        done++;
        options.progress?.report({ message: `${done} of ${files.length}`, increment: 100 / files.length });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_READS }, worker));
    if (!token.isCancellationRequested) {
      // Files checked earlier that no longer exist or no longer match the patterns.
      for (const [key, entry] of this.checked) {
        if (!seen.has(key)) this.forget(entry.uri);
      }
    }
    let problems = 0;
    this.collection.forEach((_uri, diagnostics) => (problems += diagnostics.length));
    return { files: seen.size, problems };
  }

  /** The findings of a document's current version (checked now if the last check is older). */
  findingsFor(document: vscode.TextDocument): readonly Finding[] {
    if (!this.isChecked(document)) return [];
    this.checkDocument(document);
    return this.checked.get(document.uri.toString())?.findings ?? [];
  }

  private isChecked(doc: vscode.TextDocument): boolean {
    return this.configuration.enabled && isDocumentToCheck(doc, this.configuration.extraGlobs);
  }

  /** Queues a check of an open compose document, or of a checked file that is not open. */
  private schedule(uri: vscode.Uri): void {
    const open = this.openDocument(uri);
    if (open || this.checked.has(uri.toString())) this.delayer.add(uri.toString(), uri);
  }

  private check(uri: vscode.Uri): void {
    const open = this.openDocument(uri);
    if (open) this.checkDocument(open);
    else if (this.configuration.enabled) void this.checkFileOnDisk(uri);
  }

  private checkDocument(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const version = `doc:${doc.version}`;
    if (this.checked.get(key)?.version === version) return;
    this.delayer.delete(key);
    this.publish(doc.uri, version, this.documents.forDocument(doc), doc);
  }

  /** Files that are not open are read from disk; an open document always wins over the disk content. */
  private async checkFileOnDisk(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (this.openDocument(uri)) return;
    const read = {};
    this.diskReads.set(key, read);
    let disk: { version: string; text?: string } | undefined;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const version = `disk:${stat.mtime}:${stat.size}`;
      const unchanged = this.checked.get(key)?.version === version;
      disk = { version, text: unchanged ? undefined : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
    } catch {
      disk = undefined;
    }
    // A later read of this file, or its deletion, came while this one waited: this result is stale.
    if (this.diskReads.get(key) !== read) return;
    this.diskReads.delete(key);
    if (!disk) {
      // Deleted (or unreadable) since it was found: it has no problems to show any more.
      this.forget(uri);
      return;
    }
    const { version, text } = disk;
    if (text === undefined || this.openDocument(uri) || !this.configuration.enabled) return;
    const lines = new LineIndex(text);
    const mapper: PositionMapper = {
      positionAt: (offset) => {
        const p = lines.positionAt(offset);
        return new vscode.Position(p.line, p.character);
      },
    };
    this.publish(uri, version, this.documents.forFile(uri, version, text), mapper);
  }

  private publish(uri: vscode.Uri, version: string, parsed: AnalyzedFile, mapper: PositionMapper): void {
    const key = uri.toString();
    const previous = this.checked.get(key);
    const target = this.engine.current();
    const engine = keyOf(target);
    if (previous?.parsed === parsed && previous.engine === engine) {
      // Same text under a new version (opened, closed, undone to what was checked): same findings.
      previous.version = version;
      return;
    }
    if (parsed.error !== undefined && previous?.parsed !== parsed) this.failed(uri, parsed.error);
    let findings: Finding[] = [];
    if (parsed.analysis) {
      try {
        findings = lintAnalysis(parsed.analysis, { engine: target });
      } catch (error) {
        this.failed(uri, error);
      }
    }
    this.checked.set(key, { uri, version, parsed, engine, findings });
    this.collection.set(uri, findings.map((f) => toDiagnostic(f, mapper, this.ruleLinks)));
  }

  private failed(uri: vscode.Uri, error: unknown): void {
    this.log.error(`Checking ${vscode.workspace.asRelativePath(uri)} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }

  private documentClosed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.delayer.delete(key);
    const entry = this.checked.get(key);
    if (!entry) return;
    // Show what is on disk if the file is part of the workspace (like the TypeScript extension, files
    // outside it keep no problems once closed). The entry stays so that a disk content equal to the
    // buffer's is not checked again.
    entry.version = 'closed';
    if (vscode.workspace.getWorkspaceFolder(doc.uri)) void this.checkFileOnDisk(doc.uri);
    else this.forget(doc.uri);
  }

  /**
   * A file these files' checks read changed: each checked one is checked again after the usual pause —
   * its own text did not change, so its entry is dropped. Going through the delayer also merges the save
   * event with the file watcher's event for the same save.
   */
  private dependenciesChanged(uris: readonly vscode.Uri[]): void {
    if (!this.configuration.enabled) return;
    for (const uri of uris) {
      const entry = this.checked.get(uri.toString());
      if (!entry) continue;
      this.checked.delete(uri.toString());
      this.delayer.add(uri.toString(), entry.uri);
    }
  }

  /**
   * The connected engine became known, changed or went away: every checked file is linted again for it,
   * after the usual pause (their parses are unchanged and reused).
   */
  private engineChanged(): void {
    if (!this.configuration.enabled) return;
    for (const [key, entry] of this.checked) {
      entry.version = 'engine-changed';
      this.delayer.add(key, entry.uri);
    }
  }

  /** A watched file (compose file or `.env`) was created or changed on disk, by a save or another tool. */
  private fileChanged(uri: vscode.Uri): void {
    if (!this.configuration.enabled || isDependencyFolder(uri)) return;
    this.documents.fileChanged(uri);
    if (!this.openDocument(uri) && !uri.path.endsWith('/.env')) void this.checkFileOnDisk(uri);
  }

  private fileDeleted(uri: vscode.Uri): void {
    if (!this.openDocument(uri)) this.forget(uri);
    this.documents.fileChanged(uri);
  }

  /**
   * Entries created in the workspace: the compose files inside those that are folders are checked, as
   * the watcher may not have reported them (see watch()). Already checked ones cost a stat.
   */
  private async entriesCreated(created: readonly vscode.Uri[]): Promise<void> {
    const folders = await foldersAmong(created);
    if (folders.length === 0 || !this.configuration.enabled) return;
    for (const uri of await this.findComposeFiles()) {
      if (folders.some((folder) => isInside(uri, folder))) this.fileChanged(uri);
    }
  }

  /** A folder deleted or moved away: the watcher reports the folder alone, not the files that went with it. */
  private folderDeleted(folder: vscode.Uri): void {
    for (const entry of [...this.checked.values()]) {
      if (isInside(entry.uri, folder)) this.fileDeleted(entry.uri);
    }
  }

  private forget(uri: vscode.Uri): void {
    this.documents.forget(uri);
    this.diskReads.delete(uri.toString());
    this.checked.delete(uri.toString());
    this.collection.delete(uri);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && this.isChecked(d));
  }

  private globs(): string[] {
    return [COMPOSE_FILE_GLOB, ...this.configuration.extraGlobs.map(workspaceGlob)];
  }

  /**
   * The workspace's compose files. No exclude is passed so that the user's `files.exclude` applies (an
   * explicit one would replace it); node_modules is left out here.
   */
  private async findComposeFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const found = new Map<string, vscode.Uri>();
    for (const glob of this.globs()) {
      for (const uri of await vscode.workspace.findFiles(glob, undefined, undefined, token)) {
        if (!isDependencyFolder(uri)) found.set(uri.toString(), uri);
      }
    }
    return [...found.values()];
  }

  /** Disk changes are events (file watchers), never polled. */
  private watch(): void {
    for (const glob of [...this.globs(), '**/.env']) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      this.watchers.push(
        watcher,
        watcher.onDidCreate((uri) => this.fileChanged(uri)),
        watcher.onDidChange((uri) => this.fileChanged(uri)),
        watcher.onDidDelete((uri) => this.fileDeleted(uri)),
      );
    }
    // Folders created, moved in, deleted or moved away. The workspace watcher may report a new folder
    // without the files in it: on Linux it adds an inotify watch for a folder only after seeing it
    // appear, without listing it (@parcel/watcher 2.5 `InotifyBackend::handleSubscription`, which VS
    // Code's file watcher runs), so a file written into a folder just created is missed when the watcher
    // thread runs late, as under load, and a folder moved in or away is one event for all it holds.
    // (String globs share the workspace's watcher: this one costs no second watch.)
    const entries = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.watchers.push(
      entries,
      entries.onDidCreate((uri) => {
        if (!isDependencyFolder(uri)) this.createdEntries.add(uri.toString(), uri);
      }),
      entries.onDidDelete((uri) => this.folderDeleted(uri)),
    );
  }

  /** The setting was switched or the patterns changed: drop everything and start over. */
  private restart(): void {
    this.scanCancellation?.cancel();
    this.delayer.clear();
    this.createdEntries.clear();
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    this.checked.clear();
    this.collection.clear();
    this.start();
  }

  dispose(): void {
    clearTimeout(this.startTimer);
    this.scanCancellation?.cancel();
    for (const d of [...this.watchers, ...this.disposables]) d.dispose();
  }
}
