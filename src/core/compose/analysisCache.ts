import { createHash } from 'node:crypto';
import { normalize } from 'node:path';
import type { ImageCheck, ReadText } from '../dockerfile/imageCheck';
import type { ComposeAnalysis } from './analyze';
import { readTextFile, type ReadFailure } from './files';
import { DEFAULT_LIMITS } from './limits';
import type { ComposeModel, LoadOptions } from './model';

/** One parse of one version of a compose file, with the other files it read. */
export interface AnalyzedFile {
  /** Undefined when the analysis threw (a bug of ours on unforeseen input; `error` says what). */
  readonly analysis?: ComposeAnalysis;
  readonly error?: unknown;
  /** The other files the parse read (`.env`, base files, `extends` targets), missing ones included. */
  readonly dependencies: ReadonlySet<string>;
  /** The model of this parse, made on first use; never throws (an empty model instead, as `loadCompose`). */
  model(): ComposeModel;
  /**
   * What each service's image carries, from the workspace's Dockerfiles (`imageChecksOf`), made on first
   * use; the Dockerfiles it reads join `dependencies`, so editing one drops this parse like editing `.env`.
   */
  imageChecks(): ReadonlyMap<string, ImageCheck>;
}

/**
 * How a text becomes an analysis and a model (`analyzeCompose` and `modelOf`). Passed in rather than
 * imported: the editor loads them, with the YAML parser, at the first parse (src/compose/loadAnalyzer.ts).
 */
export interface ComposeParser {
  analyze(text: string, options: LoadOptions): ComposeAnalysis;
  modelOf(analysis: ComposeAnalysis): ComposeModel;
  /** The Dockerfile side (src/core/dockerfile/imageCheck.ts), loaded only when a service is built; absent: none known. */
  imageChecksOf?(model: ComposeModel, read: ReadText): Map<string, ImageCheck>;
}

/**
 * Reads the other files of a project for one parse and remembers every path it was asked for, so that a
 * change to any of them invalidates that parse. `openText` gives an editor buffer's text (unsaved edits
 * count, as everywhere in the editor); otherwise the file is read from disk with `readTextFile`: a path
 * named in a compose file (`extends: {file: /dev/zero}`) must neither hang nor exhaust the reader.
 */
export class ProjectFileReader {
  readonly paths = new Set<string>();

  constructor(private readonly openText: (path: string) => string | undefined = () => undefined) {}

  readonly readFile = (path: string): string | ReadFailure => {
    const wanted = normalize(path);
    this.paths.add(wanted);
    const open = this.openText(wanted);
    if (open !== undefined) return open;
    const read = readTextFile(wanted, DEFAULT_LIMITS.maxChars);
    return read.ok ? read.text : read;
  };
}

interface Entry {
  version: string;
  contentHash: string;
  file: AnalyzedFile;
}

function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/**
 * The analyses of compose files, one per file: computed once per version of the file and of the other
 * files it read. A new version with the same text (opened, closed, saved, undone to what was parsed)
 * keeps its parse; a change to a file a parse read drops that parse (`dependencyChanged`).
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  /** How many times each file's text was analysed: what the "nothing re-parsed" tests count. */
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly newReader: () => ProjectFileReader,
    private readonly parser: ComposeParser,
    private readonly env: () => Record<string, string | undefined> = () => process.env,
  ) {}

  /** `key` names the file (a URI); `version` is any string that changes whenever its text may have. */
  get(key: string, fileName: string, version: string, text: string): AnalyzedFile {
    const entry = this.entries.get(key);
    if (entry?.version === version) return entry.file;
    const hash = contentHash(text);
    if (entry?.contentHash === hash) {
      entry.version = version;
      return entry.file;
    }
    this.counts.set(key, this.analysesOf(key) + 1);
    const file = this.parse(fileName, text);
    this.entries.set(key, { version, contentHash: hash, file });
    return file;
  }

  /**
   * The file at `path` changed (edited, saved, closed with unsaved edits, or changed on disk): every parse
   * that read it is dropped. Returns the keys of the files to check again (never `except`, the file itself).
   */
  dependencyChanged(path: string, except?: string): string[] {
    const dropped: string[] = [];
    for (const [key, entry] of this.entries) {
      if (key === except || !entry.file.dependencies.has(path)) continue;
      this.entries.delete(key);
      dropped.push(key);
    }
    return dropped;
  }

  /** The parse of `version` of the file when it is still cached (nothing it read changed since). */
  peek(key: string, version: string): AnalyzedFile | undefined {
    const entry = this.entries.get(key);
    return entry?.version === version ? entry.file : undefined;
  }

  analysesOf(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  private parse(fileName: string, text: string): AnalyzedFile {
    const reader = this.newReader();
    let analysis: ComposeAnalysis | undefined;
    let error: unknown;
    try {
      analysis = this.parser.analyze(text, { fileName, env: this.env(), readFile: reader.readFile });
    } catch (caught) {
      error = caught;
    }
    let model: ComposeModel | undefined;
    let imageChecks: ReadonlyMap<string, ImageCheck> | undefined;
    const modelOnce = () => (model ??= this.modelOrEmpty(fileName, analysis));
    return {
      analysis,
      error,
      dependencies: reader.paths,
      model: modelOnce,
      imageChecks: () => (imageChecks ??= this.imageChecksOrNone(modelOnce(), reader)),
    };
  }

  private imageChecksOrNone(model: ComposeModel, reader: ProjectFileReader): ReadonlyMap<string, ImageCheck> {
    if (!this.parser.imageChecksOf || !model.services.some((s) => s.build)) return new Map();
    try {
      return this.parser.imageChecksOf(model, reader.readFile);
    } catch {
      // A bug of ours in the Dockerfile side must not cost the compose file its diagnostics or hover.
      return new Map();
    }
  }

  private modelOrEmpty(fileName: string, analysis: ComposeAnalysis | undefined): ComposeModel {
    if (!analysis) return { fileName, services: [] };
    try {
      return this.parser.modelOf(analysis);
    } catch {
      // As `loadCompose`: a bug of ours must not break the tree or the probe; the linter reports it.
      return { fileName, services: [] };
    }
  }
}
