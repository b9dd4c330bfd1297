import * as vscode from 'vscode';
import type { ComposeDocumentService } from '../compose/documents';
import type { AnalyzedFile } from '../core/compose/analysisCache';
import { COMPOSE_FILE_GLOB } from '../core/compose/files';
import { lintAnalysis, type Finding } from '../core/lint';
import { LineIndex } from '../core/lint/lineIndex';
import type { FindingsSource } from './codeActions';
import { isComposeDocument, workspaceGlob } from './composeDocuments';
import type { DiagnosticsConfiguration } from './configuration';
import { PendingSetDelayer } from './delayer';
import { DIAGNOSTIC_SOURCE, toDiagnostic, type PositionMapper } from './findingToDiagnostic';

/** Typing pauses shorter than this do not trigger a check (the markdown extension uses the same delay). */
const TYPING_DELAY_MS = 300;
/** Files of a workspace scan read at the same time. */
const CONCURRENT_READS = 16;

/** What was last checked for a file, and for which version of it (`doc:<version>` or `disk:<mtime>:<size>`). */
interface Checked {
  uri: vscode.Uri;
  version: string;
  /**
   * The shared parse the findings came from: the same parse under a new version (a file opened or closed
   * unchanged) is not a reason to lint again.
   */
  parsed: AnalyzedFile;
  findings: Finding[];
}

/** Compose files that dependencies ship (node_modules) are not the user's to fix. */
function isDependencyFolder(uri: vscode.Uri): boolean {
  return uri.path.includes('/node_modules/');
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
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly checked = new Map<string, Checked>();
  private readonly delayer = new PendingSetDelayer<vscode.Uri>(TYPING_DELAY_MS, (uris) => {
    for (const uri of uris) this.check(uri);
  });
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private scanCancellation: vscode.CancellationTokenSource | undefined;
  private startTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly configuration: DiagnosticsConfiguration,
    private readonly documents: ComposeDocumentService,
    private readonly rulesDoc: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.collection,
      this.delayer,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.documentClosed(doc)),
      // A file a check read changed (an edit, a save, a close, a watcher's event below).
      documents.onDidInvalidate((uris) => this.dependenciesChanged(uris)),
      configuration.onDidChange(() => this.restart()),
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
    return this.configuration.enabled && isComposeDocument(doc, this.configuration.extraGlobs);
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
    let version: string;
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      version = `disk:${stat.mtime}:${stat.size}`;
      if (this.checked.get(key)?.version === version) return;
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      // Deleted (or unreadable) since it was found: it has no problems to show any more.
      this.forget(uri);
      return;
    }
    if (this.openDocument(uri) || !this.configuration.enabled) return;
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
    if (previous?.parsed === parsed) {
      // Same text under a new version (opened, closed, undone to what was checked): same findings.
      previous.version = version;
      return;
    }
    if (parsed.error !== undefined) this.failed(uri, parsed.error);
    let findings: Finding[] = [];
    if (parsed.analysis) {
      try {
        findings = lintAnalysis(parsed.analysis);
      } catch (error) {
        this.failed(uri, error);
      }
    }
    this.checked.set(key, { uri, version, parsed, findings });
    this.collection.set(uri, findings.map((f) => toDiagnostic(f, mapper, this.rulesDoc)));
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

  private forget(uri: vscode.Uri): void {
    this.documents.forget(uri);
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
  private async findComposeFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
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
  }

  /** The setting was switched or the patterns changed: drop everything and start over. */
  private restart(): void {
    this.scanCancellation?.cancel();
    this.delayer.clear();
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
