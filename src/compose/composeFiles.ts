import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { AnalyzedFile } from '../core/compose/analysisCache';
import { COMPOSE_FILE_GLOB } from '../core/compose/files';
import { DOCKERFILE_GLOB } from '../core/dockerfile/files';
import { PendingSetDelayer } from './delayer';
import type { ComposeDocumentService } from './documents';
import { affectsPatterns, isComposeDocument, isComposePath, isDockerfileDocument, isDockerfilePath, readPatterns, workspaceGlob } from './selector';

/**
 * Disk reads in flight at once, across every user. Each stat and read is a round trip (through the
 * workbench, for a remote extension host): one file after another, 300 files cost 600 round trips in a
 * row; a few at a time overlap them, and the parses still run one at a time on this thread.
 */
const CONCURRENT_READS = 16;

/** Entries created on disk are looked at once per burst (a checkout or an unpack creates many at once). */
const CREATED_ENTRIES_DELAY_MS = 300;

/** A workspace compose file as read from disk, with the shared parse of that version. */
export interface DiskComposeFile {
  readonly uri: vscode.Uri;
  /** `disk:<mtime>:<size>`: changes whenever the content may have. */
  readonly version: string;
  readonly parsed: AnalyzedFile;
}

/** A workspace Dockerfile as read from disk; its parse is the Dockerfile documents' (dockerfileDocuments.ts). */
export interface DiskDockerfile {
  readonly uri: vscode.Uri;
  /** `disk:<mtime>:<size>`: changes whenever the content may have. */
  readonly version: string;
  readonly text: string;
}

/**
 * `added`: a compose file appeared (created, moved in, found by a new search, or a pattern now matches
 * it); `changed`: its content changed on disk; `removed`: deleted, moved away, or no pattern matches it
 * any more.
 */
export interface ComposeFileEvent {
  readonly uri: vscode.Uri;
  readonly kind: 'added' | 'changed' | 'removed';
}

/** Compose files that dependencies ship (node_modules) are not the user's: never found, never watched. */
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
      continue; // gone again since: nothing in it to look at
    }
    for (const child of children) {
      if ((listing.get(child.path.slice(child.path.lastIndexOf('/') + 1)) ?? 0) & vscode.FileType.Directory) folders.push(child);
    }
  }
  return folders;
}

/**
 * The one compose-file policy: which documents and files are compose files (the names Compose looks
 * for plus the `composeHealth.files` patterns, see selector.ts) or Dockerfiles (by name, see
 * core/dockerfile/files.ts), the workspace's compose files and Dockerfiles (one search, then one set of
 * file watchers) and their disk reads. Diagnostics, the probe lenses and the
 * Services view all ask here and subscribe to its events, so a file added through the setting gets
 * Problems, lenses and tree rows alike. Nothing happens at construction: the first `workspaceFiles()`
 * call searches and starts watching.
 */
export class ComposeFiles implements vscode.Disposable {
  /** The user's patterns (`composeHealth.files`, or the former `composeHealth.diagnostics.files`). */
  private patternList = readPatterns();
  private readonly fileEvents = new vscode.EventEmitter<ComposeFileEvent>();
  /** A workspace compose file was added, changed on disk or removed (only once something asked for `workspaceFiles()`). */
  readonly onDidChangeFile = this.fileEvents.event;
  private readonly patternEvents = new vscode.EventEmitter<void>();
  /** The patterns changed: open documents may have become, or stopped being, compose documents. */
  readonly onDidChangePatterns = this.patternEvents.event;

  private readonly dockerfileEvents = new vscode.EventEmitter<ComposeFileEvent>();
  /** A workspace Dockerfile was added, changed on disk or removed (once something asked for `workspaceDockerfiles()`). */
  readonly onDidChangeDockerfile = this.dockerfileEvents.event;

  /** The workspace's compose files as last searched, kept up to date by the watchers. */
  private known = new Map<string, vscode.Uri>();
  /** The workspace's Dockerfiles, found by the same search and kept by the same watchers. */
  private knownDockerfiles = new Map<string, vscode.Uri>();
  /**
   * Dockerfiles with another name (`build: {dockerfile: docker/app.df}`), by the compose files that name
   * them: they are Dockerfiles because a compose file builds them, and a watcher of their own reports
   * their changes while any compose file still names them.
   */
  private readonly namedDockerfiles = new Map<string, { uri: vscode.Uri; by: Set<string>; watcher: vscode.Disposable }>();
  /** The latest search; undefined until something asks, so a workspace nobody looks at is never searched. */
  private discovery: Promise<void> | undefined;
  private generation = 0;
  private watchers: vscode.Disposable[] = [];
  private readonly createdEntries = new PendingSetDelayer<vscode.Uri>(CREATED_ENTRIES_DELAY_MS, (uris) => void this.entriesCreated(uris));
  /** The read in flight for each file: users asking for the same file at the same time share it. */
  private readonly reads = new Map<string, Promise<DiskComposeFile | undefined>>();
  private activeReads = 0;
  private readonly waitingReads: Array<() => void> = [];
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly documents: ComposeDocumentService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      this.fileEvents,
      this.dockerfileEvents,
      this.patternEvents,
      this.createdEntries,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsPatterns(e)) this.patternsChanged();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rewatch()),
      // A read in flight may hand out a parse made before a file it read changed: the next read starts afresh.
      documents.onDidInvalidate((uris) => {
        for (const uri of uris) this.reads.delete(uri.toString());
      }),
    ];
  }

  /** An editor document that is a compose file (see selector.ts `isComposeDocument`). */
  isComposeDocument(document: vscode.TextDocument): boolean {
    return isComposeDocument(document, this.patternList);
  }

  /** A file on disk that is one of the workspace's compose files by its path. */
  isComposeFile(uri: vscode.Uri): boolean {
    return !isDependencyFolder(uri) && isComposePath(uri, this.patternList);
  }

  /** An editor document that is a Dockerfile (see selector.ts `isDockerfileDocument`), or one a compose file builds. */
  isDockerfileDocument(document: vscode.TextDocument): boolean {
    return isDockerfileDocument(document) || this.namedDockerfiles.has(document.uri.toString());
  }

  /** A file on disk that is one of the workspace's Dockerfiles by its name, or because a compose file builds it. */
  isDockerfile(uri: vscode.Uri): boolean {
    return (!isDependencyFolder(uri) && isDockerfilePath(uri)) || this.namedDockerfiles.has(uri.toString());
  }

  /**
   * The Dockerfiles a compose file's services build (`build.dockerfile`, resolved). Those whose name is not
   * a Dockerfile's become Dockerfiles for every check while some compose file names them; returns those
   * this compose file names, for the caller to check the ones it has not.
   */
  nameDockerfiles(compose: vscode.Uri, paths: readonly string[]): vscode.Uri[] {
    const by = compose.toString();
    const wanted = new Set<string>();
    const named: vscode.Uri[] = [];
    for (const path of paths) {
      const uri = vscode.Uri.file(path);
      if (isDockerfilePath(uri) || isComposePath(uri, this.patternList) || !vscode.workspace.getWorkspaceFolder(uri)) continue;
      const key = uri.toString();
      wanted.add(key);
      named.push(uri);
      const entry = this.namedDockerfiles.get(key);
      if (entry) {
        entry.by.add(by);
        continue;
      }
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(path)), basename(path)));
      const changed = () => {
        this.reads.delete(key);
        this.documents.fileChanged(uri);
        this.dockerfileEvents.fire({ uri, kind: 'changed' });
      };
      const removed = () => {
        this.documents.fileChanged(uri);
        this.dockerfileEvents.fire({ uri, kind: 'removed' });
      };
      const subscriptions = vscode.Disposable.from(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(removed));
      this.namedDockerfiles.set(key, { uri, by: new Set([by]), watcher: subscriptions });
    }
    for (const [key, entry] of this.namedDockerfiles) {
      if (wanted.has(key) || !entry.by.delete(by) || entry.by.size > 0) continue;
      entry.watcher.dispose();
      this.namedDockerfiles.delete(key);
      this.dockerfileEvents.fire({ uri: entry.uri, kind: 'removed' });
    }
    return named;
  }

  /** The workspace's Dockerfiles: the same search and watchers as `workspaceFiles()`, and those compose files name. */
  async workspaceDockerfiles({ refresh = false }: { refresh?: boolean } = {}): Promise<vscode.Uri[]> {
    await this.workspaceFiles({ refresh });
    return [...this.knownDockerfiles.values(), ...[...this.namedDockerfiles.values()].map((named) => named.uri)];
  }

  /** Reads a Dockerfile from disk (stat and text, as limited as the compose reads); undefined when gone or unreadable. */
  readDockerfile(uri: vscode.Uri): Promise<DiskDockerfile | undefined> {
    return this.limited(async () => {
      try {
        const { mtime, size } = await statOf(uri);
        return { uri, version: `disk:${mtime}:${size}`, text: await textOf(uri) };
      } catch (error) {
        const notFound = (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') || (error as NodeJS.ErrnoException).code === 'ENOENT';
        if (!notFound) this.log.warn(`Reading ${uri.fsPath} failed: ${(error as Error).message}. It is left out until it changes on disk again.`);
        return undefined;
      }
    });
  }

  /**
   * The workspace's compose files. The first call searches the workspace and starts the watchers; calls
   * made meanwhile or later share that search, and the set follows the watchers' events from then on.
   * `refresh` searches again (the "Check All Compose Files" command) and announces what it finds
   * added or gone.
   */
  async workspaceFiles({ refresh = false }: { refresh?: boolean } = {}): Promise<vscode.Uri[]> {
    if (!this.discovery) {
      this.watch();
      this.discovery = this.search(++this.generation, false);
    } else if (refresh) {
      this.searchAgain();
    }
    // A search started while this one ran (new patterns, folders) supersedes it: wait for the latest.
    let current: Promise<void> | undefined;
    do {
      current = this.discovery;
      await current;
    } while (current !== this.discovery);
    return [...this.known.values()];
  }

  /**
   * Reads a compose file from disk (stat, then the text only when the shared parse of that version is
   * not cached) and returns its parse; undefined when it is gone or unreadable (logged).
   */
  read(uri: vscode.Uri): Promise<DiskComposeFile | undefined> {
    const key = uri.toString();
    const inFlight = this.reads.get(key);
    if (inFlight) return inFlight;
    const read = this.limited(() => this.readNow(uri));
    this.reads.set(key, read);
    void read.then(() => {
      if (this.reads.get(key) === read) this.reads.delete(key);
    });
    return read;
  }

  private async readNow(uri: vscode.Uri): Promise<DiskComposeFile | undefined> {
    try {
      const { mtime, size } = await statOf(uri);
      const version = `disk:${mtime}:${size}`;
      const cached = this.documents.cachedFile(uri, version);
      if (cached) return { uri, version, parsed: cached };
      return { uri, version, parsed: this.documents.forFile(uri, version, await textOf(uri)) };
    } catch (error) {
      // Deleted since it was found: its watcher event follows (or came first). Anything else is worth a line.
      const notFound = (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') || (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!notFound) this.log.warn(`Reading ${uri.fsPath} failed: ${(error as Error).message}. It is left out until it changes on disk again.`);
      return undefined;
    }
  }


  private async limited<T>(task: () => Promise<T>): Promise<T> {
    while (this.activeReads >= CONCURRENT_READS) await new Promise<void>((resolve) => this.waitingReads.push(resolve));
    this.activeReads++;
    try {
      return await task();
    } finally {
      this.activeReads--;
      this.waitingReads.shift()?.();
    }
  }

  private globs(): string[] {
    return [COMPOSE_FILE_GLOB, DOCKERFILE_GLOB, ...this.patternList.map(workspaceGlob)];
  }

  /** A compose file or a Dockerfile by its path (the Dockerfile glob also matches `Dockerfile.dockerignore`, which is neither). */
  private isOurs(uri: vscode.Uri): boolean {
    return isComposePath(uri, this.patternList) || isDockerfilePath(uri);
  }

  /** Whether a file the search or a watcher reported is a Dockerfile rather than a compose file. */
  private isDockerfileUri(uri: vscode.Uri): boolean {
    return isDockerfilePath(uri) && !isComposePath(uri, this.patternList);
  }

  /**
   * The globs to watch. `findFiles` matches a string glob relative to each workspace folder, but a
   * watcher matches it against the whole path, so `stack/*.yml` would see nothing: a pattern that does
   * not start with `**` is tied to each folder (a RelativePattern inside the workspace is served by the
   * workspace's own recursive watcher, no second watch).
   */
  private watchedGlobs(): vscode.GlobPattern[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return this.globs().flatMap((glob): vscode.GlobPattern[] => (glob.startsWith('**/') ? [glob] : folders.map((folder) => new vscode.RelativePattern(folder, glob))));
  }

  /**
   * Every compose file and Dockerfile of the workspace. No exclude is passed so that the user's
   * `files.exclude` applies (an explicit one would replace it); node_modules is left out here.
   */
  private async find(): Promise<{ compose: Map<string, vscode.Uri>; dockerfiles: Map<string, vscode.Uri> }> {
    const compose = new Map<string, vscode.Uri>();
    const dockerfiles = new Map<string, vscode.Uri>();
    for (const glob of this.globs()) {
      try {
        for (const uri of await vscode.workspace.findFiles(glob)) {
          if (isDependencyFolder(uri)) continue;
          if (this.isDockerfileUri(uri)) dockerfiles.set(uri.toString(), uri);
          else if (glob !== DOCKERFILE_GLOB) compose.set(uri.toString(), uri);
        }
      } catch (error) {
        this.log.warn(`Looking for compose files matching ${glob} failed: ${(error as Error).message}`);
      }
    }
    return { compose, dockerfiles };
  }

  /** Searches and makes the result the known sets; only the latest search counts. */
  private async search(generation: number, announce: boolean): Promise<void> {
    const found = await this.find();
    if (generation !== this.generation) return;
    const [before, beforeDockerfiles] = [this.known, this.knownDockerfiles];
    this.known = found.compose;
    this.knownDockerfiles = found.dockerfiles;
    if (!announce) return;
    announceChanges(before, found.compose, this.fileEvents);
    announceChanges(beforeDockerfiles, found.dockerfiles, this.dockerfileEvents);
  }

  /** Patterns, folders or a refresh: search again once a first search was asked for. */
  private searchAgain(): void {
    if (!this.discovery) return;
    this.discovery = this.search(++this.generation, true);
  }

  private patternsChanged(): void {
    const patterns = readPatterns();
    if (JSON.stringify(patterns) === JSON.stringify(this.patternList)) return;
    this.patternList = patterns;
    this.rewatch();
    this.patternEvents.fire();
  }

  /** New patterns or workspace folders: new watchers and a new search, once a first search was asked for. */
  private rewatch(): void {
    if (!this.discovery) return;
    this.unwatch();
    this.watch();
    this.searchAgain();
  }

  /** Disk changes are events (file watchers), never polled. String globs share the workspace's watcher. */
  private watch(): void {
    for (const glob of this.watchedGlobs()) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      this.watchers.push(
        watcher,
        watcher.onDidCreate((uri) => this.changedOnDisk(uri)),
        watcher.onDidChange((uri) => this.changedOnDisk(uri)),
        watcher.onDidDelete((uri) => this.removedFromDisk(uri)),
      );
    }
    // `.env` holds the values of `${VAR}` and may name the project: the parses that read it are stale.
    const env = vscode.workspace.createFileSystemWatcher('**/.env');
    const envChanged = (uri: vscode.Uri) => {
      if (!isDependencyFolder(uri)) this.documents.fileChanged(uri);
    };
    this.watchers.push(env, env.onDidCreate(envChanged), env.onDidChange(envChanged), env.onDidDelete(envChanged));
    // Folders created, moved in, deleted or moved away. The workspace watcher may report a new folder
    // without the files in it: on Linux it adds an inotify watch for a folder only after seeing it
    // appear, without listing it (@parcel/watcher 2.5 `InotifyBackend::handleSubscription`, which VS
    // Code's file watcher runs), so a file written into a folder just created is missed when the watcher
    // thread runs late, as under load, and a folder moved in or away is one event for all it holds.
    const entries = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.watchers.push(
      entries,
      entries.onDidCreate((uri) => {
        if (!isDependencyFolder(uri)) this.createdEntries.add(uri.toString(), uri);
      }),
      entries.onDidDelete((uri) => this.folderRemoved(uri)),
    );
  }

  private unwatch(): void {
    this.createdEntries.clear();
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
  }

  /** A compose file or Dockerfile was created or written; it may be another's base or `extends` target too. */
  private changedOnDisk(uri: vscode.Uri): void {
    if (isDependencyFolder(uri) || !this.isOurs(uri)) return;
    const key = uri.toString();
    // The next read must see the new content, not share one that started before it.
    this.reads.delete(key);
    const [set, events] = this.isDockerfileUri(uri) ? [this.knownDockerfiles, this.dockerfileEvents] : [this.known, this.fileEvents];
    const known = set.has(key);
    set.set(key, uri);
    this.documents.fileChanged(uri);
    events.fire({ uri, kind: known ? 'changed' : 'added' });
  }

  private removedFromDisk(uri: vscode.Uri): void {
    if (isDependencyFolder(uri) || !this.isOurs(uri)) return;
    this.reads.delete(uri.toString());
    const [set, events] = this.isDockerfileUri(uri) ? [this.knownDockerfiles, this.dockerfileEvents] : [this.known, this.fileEvents];
    set.delete(uri.toString());
    this.documents.fileChanged(uri);
    events.fire({ uri, kind: 'removed' });
  }

  /**
   * Entries created in the workspace: the compose files inside those that are folders are announced, as
   * the watcher may not have reported them (see watch()). Ones already read cost a stat.
   */
  private async entriesCreated(created: readonly vscode.Uri[]): Promise<void> {
    const folders = await foldersAmong(created);
    if (folders.length === 0) return;
    const found = await this.find();
    for (const uri of [...found.compose.values(), ...found.dockerfiles.values()]) {
      if (folders.some((folder) => isInside(uri, folder))) this.changedOnDisk(uri);
    }
  }

  /** A folder deleted or moved away: the watcher reports the folder alone, not the files that went with it. */
  private folderRemoved(folder: vscode.Uri): void {
    for (const uri of [...this.known.values(), ...this.knownDockerfiles.values()]) {
      if (isInside(uri, folder)) this.removedFromDisk(uri);
    }
  }

  dispose(): void {
    this.generation++;
    this.unwatch();
    for (const named of this.namedDockerfiles.values()) named.watcher.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function announceChanges(before: ReadonlyMap<string, vscode.Uri>, after: ReadonlyMap<string, vscode.Uri>, events: vscode.EventEmitter<ComposeFileEvent>): void {
  for (const [key, uri] of before) if (!after.has(key)) events.fire({ uri, kind: 'removed' });
  for (const [key, uri] of after) if (!before.has(key)) events.fire({ uri, kind: 'added' });
}

// A `file:` compose file is read with Node's fs where the extension host runs (beside the workspace's
// files, locally or on the remote side), as the parse already reads `.env` and base files. Through
// `workspace.fs` every stat and read is a round trip to the workbench, which is busiest just when the
// first workspace check runs: the scale bench measured 87 ms a stat and 147 ms a read there, 16 at a
// time (300 files: 5.6 s from activation to the last file's diagnostics). Other schemes keep workspace.fs.
async function statOf(uri: vscode.Uri): Promise<{ mtime: number; size: number }> {
  if (uri.scheme !== 'file') return vscode.workspace.fs.stat(uri);
  const info = await stat(uri.fsPath);
  if (!info.isFile()) throw new Error('not a regular file');
  return { mtime: info.mtimeMs, size: info.size };
}

async function textOf(uri: vscode.Uri): Promise<string> {
  // TextDecoder drops a UTF-8 byte order mark, as the editor does, so offsets match an open document's.
  return new TextDecoder().decode(uri.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri));
}
