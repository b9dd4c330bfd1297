import * as vscode from 'vscode';
import type { ComposeFiles } from '../compose/composeFiles';
import { PendingSetDelayer } from '../compose/delayer';
import type { DockerfileDocuments } from '../compose/dockerfileDocuments';
import type { ComposeDocumentService } from '../compose/documents';
import { loadAnalyzer } from '../compose/loadAnalyzer';
import { loadDockerfileAnalyzer } from '../compose/loadDockerfileAnalyzer';
import type { AnalyzedFile } from '../core/compose/analysisCache';
import type { DockerfileModel } from '../core/dockerfile/model';
import type { Finding } from '../core/lint';
import type { FindingsSource } from './codeActions';
import type { DiagnosticsConfiguration } from './configuration';
import { deploysToSwarm, isStackFile } from '../core/swarm/stackFile';
import { keyOf, type EngineTargetSource } from './engineTarget';
import type { RuleLinks } from './ruleLinks';
import { FINDING_SOURCE, lineMapper, toDiagnostic, type PositionMapper } from './findingToDiagnostic';

/** Typing pauses shorter than this do not trigger a check (the markdown extension uses the same delay). */
const TYPING_DELAY_MS = 300;

/** What was last checked for a file, and for which version of it (`doc:<version>` or `disk:<mtime>:<size>`). */
interface Checked {
  uri: vscode.Uri;
  version: string;
  /**
   * The shared parse the findings came from (a compose analysis or a Dockerfile's model): the same parse
   * under a new version (a file opened or closed unchanged) is not a reason to lint again.
   */
  parsed: AnalyzedFile | DockerfileModel | undefined;
  /** The engine the findings were computed for (`keyOf`): another engine is a reason to lint again. */
  engine: string;
  findings: Finding[];
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
 * Owns the Problems-panel entries of compose files and Dockerfiles (the same checks of the same events;
 * a Dockerfile's parse is DockerfileDocuments', its rules the Dockerfile rules). Open documents are checked as the user types (only the
 * documents that changed, after a pause); files that are not open are read from disk when the workspace
 * is scanned and when they change on disk; a file is checked again when a file its check read changed.
 * Which files, their discovery, watching and reading are the shared compose-file policy's (ComposeFiles);
 * parses come from the shared ComposeDocumentService (cached by version, dependencies tracked there),
 * so nothing unchanged is parsed twice, and the hover, the probe lenses and the Services view use the same parse.
 */
export class DiagnosticsManager implements FindingsSource, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(FINDING_SOURCE);
  private readonly checked = new Map<string, Checked>();
  private readonly delayer = new PendingSetDelayer<vscode.Uri>(TYPING_DELAY_MS, (uris) => {
    for (const uri of uris) this.check(uri);
  });
  /**
   * The disk read in flight for each file. A read publishes only while it is the latest one for its file:
   * a later read (another watcher event) or a deletion makes an earlier one stale, whatever order their
   * awaits finish in.
   */
  private readonly diskReads = new Map<string, object>();
  private readonly disposables: vscode.Disposable[] = [];
  private scanCancellation: vscode.CancellationTokenSource | undefined;
  private startTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly configuration: DiagnosticsConfiguration,
    private readonly files: ComposeFiles,
    private readonly documents: ComposeDocumentService,
    private readonly ruleLinks: RuleLinks,
    private readonly log: vscode.LogOutputChannel,
    private readonly engine: EngineTargetSource,
    private readonly dockerfiles: DockerfileDocuments,
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
      // Created, written, deleted or moved on disk (by a save or another tool), or matched by new patterns.
      files.onDidChangeFile((e) => (e.kind === 'removed' ? this.fileRemoved(e.uri) : this.fileChanged(e.uri))),
      files.onDidChangeDockerfile((e) => (e.kind === 'removed' ? this.fileRemoved(e.uri) : this.fileChanged(e.uri))),
      configuration.onDidChange(() => this.restart()),
      files.onDidChangePatterns(() => this.restart()),
      engine.onDidChange(() => this.engineChanged()),
    );
  }

  /** Starts checking; the workspace scan runs after activation has returned, in the background. */
  start(): void {
    if (!this.configuration.enabled) return;
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
    // The shared search (the Services view may have asked first); the reads are shared and limited there.
    const files = [...(await this.files.workspaceFiles({ refresh: options.force })), ...(await this.files.workspaceDockerfiles())];
    let done = 0;
    await Promise.all(
      files.map(async (uri) => {
        if (token.isCancellationRequested) return;
        seen.add(uri.toString());
        if (options.force) this.checked.delete(uri.toString());
        await this.checkFileOnDisk(uri);
        done++;
        options.progress?.report({ message: `${done} of ${files.length}`, increment: 100 / files.length });
      }),
    );
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
    return this.configuration.enabled && (this.files.isComposeDocument(doc) || this.files.isDockerfileDocument(doc));
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
    if (this.files.isDockerfileDocument(doc)) this.publishDockerfile(doc.uri, version, () => this.dockerfiles.forDocument(doc), doc);
    else this.publish(doc.uri, version, this.documents.forDocument(doc), doc);
  }

  /** Files that are not open are read from disk; an open document always wins over the disk content. */
  private async checkFileOnDisk(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (this.openDocument(uri)) return;
    const read = {};
    this.diskReads.set(key, read);
    if (this.files.isDockerfile(uri)) return this.checkDockerfileOnDisk(uri, read);
    const disk = this.stillWanted(uri, read, await this.files.read(uri));
    if (!disk) return;
    // The text the parse was made from (an unchanged file is not read again: its parse is cached).
    // LineIndex comes with the analyzer, so that the one class lives in one bundle (esbuild.mjs).
    const lines = new (loadAnalyzer().LineIndex)(disk.parsed.analysis?.text ?? '');
    this.publish(uri, disk.version, disk.parsed, lineMapper(lines));
  }

  /** As checkFileOnDisk, for a Dockerfile: read, parsed by DockerfileDocuments (cached by content), checked. */
  private async checkDockerfileOnDisk(uri: vscode.Uri, read: object): Promise<void> {
    const disk = this.stillWanted(uri, read, await this.files.readDockerfile(uri));
    if (!disk) return;
    const lines = new (loadDockerfileAnalyzer().LineIndex)(disk.text);
    this.publishDockerfile(uri, disk.version, () => this.dockerfiles.forFile(uri, disk.version, disk.text), lineMapper(lines));
  }

  /**
   * The result of a disk read (`read`, the token checkFileOnDisk set) if it is still to be published:
   * undefined when a later read of this file, its deletion or a restart came while this one waited (the
   * result is stale), or when the file is open now or checking is off.
   */
  private stillWanted<T>(uri: vscode.Uri, read: object, disk: T | undefined): T | undefined {
    const key = uri.toString();
    if (this.diskReads.get(key) !== read) return undefined;
    this.diskReads.delete(key);
    if (!disk) {
      // Deleted (or unreadable) since it was found: it has no problems to show any more.
      this.forget(uri);
      return undefined;
    }
    return this.openDocument(uri) || !this.configuration.enabled ? undefined : disk;
  }

  private publishDockerfile(uri: vscode.Uri, version: string, parse: () => DockerfileModel, mapper: PositionMapper): void {
    const key = uri.toString();
    const previous = this.checked.get(key);
    let findings: Finding[] = [];
    let model: DockerfileModel | undefined;
    try {
      model = parse();
      if (previous?.parsed === model) {
        previous.version = version;
        return;
      }
      findings = loadDockerfileAnalyzer().lint(model);
    } catch (error) {
      this.failed(uri, error);
    }
    // A parse that threw leaves `parsed` unset, so the next version is parsed and checked again.
    this.checked.set(key, { uri, version, parsed: model, engine: '', findings });
    this.collection.set(uri, findings.map((f) => toDiagnostic(f, mapper, this.ruleLinks)));
  }

  private publish(uri: vscode.Uri, version: string, parsed: AnalyzedFile, mapper: PositionMapper): void {
    const key = uri.toString();
    const previous = this.checked.get(key);
    const target = this.engine.current();
    // The stack-* rules speak only for a stack file: named in composeHealth.swarm.stackFiles, or with a
    // `deploy:` section while the connected engine is in Swarm mode.
    const stack =
      isStackFile(vscode.workspace.asRelativePath(uri, false), this.configuration.stackFiles) || (parsed.analysis !== undefined && deploysToSwarm(parsed.analysis, target?.swarm));
    const engine = `${keyOf(target)}${stack ? '|stack' : ''}`;
    this.checkNamedDockerfiles(uri, parsed);
    if (previous?.parsed === parsed && previous.engine === engine) {
      // Same text under a new version (opened, closed, undone to what was checked): same findings.
      previous.version = version;
      return;
    }
    if (parsed.error !== undefined && previous?.parsed !== parsed) this.failed(uri, parsed.error);
    let findings: Finding[] = [];
    if (parsed.analysis) {
      try {
        findings = loadAnalyzer().lint(parsed.analysis, { engine: target, imageChecks: parsed.imageChecks(), stack });
      } catch (error) {
        this.failed(uri, error);
      }
    }
    this.checked.set(key, { uri, version, parsed, engine, findings });
    this.collection.set(uri, findings.map((f) => toDiagnostic(f, mapper, this.ruleLinks)));
  }

  /** A Dockerfile named in `build.dockerfile` is checked like any other, whatever its name (once, then on its changes). */
  private checkNamedDockerfiles(uri: vscode.Uri, parsed: AnalyzedFile): void {
    const built = parsed.model().services.flatMap((s) => (s.build?.dockerfile ? [s.build.dockerfile] : []));
    for (const named of this.files.nameDockerfiles(uri, built)) {
      const key = named.toString();
      if (!this.checked.has(key) && !this.diskReads.has(key)) this.check(named);
    }
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
    // outside it keep no problems once closed, and neither do files that only their `dockercompose`
    // language made compose files). The entry stays so that a disk content equal to the buffer's is not
    // checked again.
    entry.version = 'closed';
    if (vscode.workspace.getWorkspaceFolder(doc.uri) && (this.files.isComposeFile(doc.uri) || this.files.isDockerfile(doc.uri))) void this.checkFileOnDisk(doc.uri);
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

  /** A workspace compose file was created or changed on disk (its parse users were told by ComposeFiles). */
  private fileChanged(uri: vscode.Uri): void {
    if (this.configuration.enabled && !this.openDocument(uri)) void this.checkFileOnDisk(uri);
  }

  /** Deleted, moved away, or no longer matched by the patterns: its problems leave with it unless it is open. */
  private fileRemoved(uri: vscode.Uri): void {
    if (!this.openDocument(uri)) this.forget(uri);
  }

  private forget(uri: vscode.Uri): void {
    this.documents.forget(uri);
    this.dockerfiles.forget(uri);
    this.diskReads.delete(uri.toString());
    this.checked.delete(uri.toString());
    this.collection.delete(uri);
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && this.isChecked(d));
  }

  /** The setting was switched or the patterns changed: drop everything and start over. */
  private restart(): void {
    this.scanCancellation?.cancel();
    this.delayer.clear();
    this.diskReads.clear();
    this.checked.clear();
    this.collection.clear();
    this.start();
  }

  dispose(): void {
    clearTimeout(this.startTimer);
    this.scanCancellation?.cancel();
    for (const d of this.disposables) d.dispose();
  }
}
