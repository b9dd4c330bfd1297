import { normalize } from 'node:path';
import * as vscode from 'vscode';
import { AnalysisCache, ProjectFileReader, type AnalyzedFile } from '../core/compose/analysisCache';
import type { ComposeModel } from '../core/compose/model';
import { loadAnalyzer } from './loadAnalyzer';
import { loadDockerfileAnalyzer } from './loadDockerfileAnalyzer';

/** The key a file has among the paths a parse read. */
export function pathKey(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? normalize(uri.fsPath) : undefined;
}

/** An open editor buffer's text: its unsaved edits count for every file that reads it. */
function openText(path: string): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && normalize(d.uri.fsPath) === path)?.getText();
}

/**
 * The one place compose files are parsed for the editor: diagnostics, hovers, probe lenses and the
 * Services view all read the analysis of a file from here, computed once per version of the file and of
 * the project files it read (`.env`, base/override files, `extends` targets; open buffers first). Built
 * once in activate() and passed to each capability.
 */
export class ComposeDocumentService implements vscode.Disposable {
  private readonly cache: AnalysisCache;
  private readonly invalidated = new vscode.EventEmitter<vscode.Uri[]>();
  /** Files whose parse read a file that changed: their users check them again. */
  readonly onDidInvalidate = this.invalidated.event;
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    // The parser is loaded at the first parse, not with the extension (loadAnalyzer).
    this.cache = new AnalysisCache(() => new ProjectFileReader(openText), {
      analyze: (text, options) => loadAnalyzer().analyze(text, options),
      modelOf: (analysis) => loadAnalyzer().modelOf(analysis),
      // The Dockerfile parser is loaded only for a project that builds a service (AnalysisCache asks only then).
      imageChecksOf: (model, read) => loadDockerfileAnalyzer().imageChecks(model, read),
    });
    this.subscriptions = [
      this.invalidated,
      vscode.workspace.onDidChangeTextDocument((e) => {
        // Unsaved edits of a base file or `.env` count for the files that read them.
        if (e.contentChanges.length > 0) this.fileChanged(e.document.uri);
      }),
      // Saving a file with any name (an `extends` target, say) that no watcher covers.
      vscode.workspace.onDidSaveTextDocument((doc) => this.fileChanged(doc.uri)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.documentClosed(doc)),
    ];
  }

  /** The analysis of an open document's current version. */
  forDocument(document: vscode.TextDocument): AnalyzedFile {
    return this.get(document.uri, `doc:${document.version}`, document.getText());
  }

  /** The model of an open document's current version. */
  modelFor(document: vscode.TextDocument): ComposeModel {
    return this.forDocument(document).model();
  }

  /** The analysis of a file read from disk; `version` changes with its content (`disk:<mtime>:<size>`). */
  forFile(uri: vscode.Uri, version: string, text: string): AnalyzedFile {
    return this.get(uri, version, text);
  }

  /**
   * The cached analysis of a file read from disk, when `version` is the one last analysed and nothing it
   * read changed since: a file whose stat is unchanged need not be read again.
   */
  cachedFile(uri: vscode.Uri, version: string): AnalyzedFile | undefined {
    return this.cache.peek(uri.toString(), version);
  }

  /** How many times a file's text was analysed (for the tests that pin "nothing re-parsed that did not change"). */
  analysesOf(uri: vscode.Uri): number {
    return this.cache.analysesOf(uri.toString());
  }

  /**
   * `uri` changed (edited, saved, closed, or changed on disk — the file watchers report those): every
   * parse that read it is dropped and the files it belonged to are announced.
   */
  fileChanged(uri: vscode.Uri): void {
    const changed = pathKey(uri);
    if (!changed) return;
    const dropped = this.cache.dependencyChanged(changed, uri.toString());
    if (dropped.length === 0) return;
    this.invalidated.fire(dropped.map((key) => this.uris.get(key) ?? vscode.Uri.parse(key)));
  }

  forget(uri: vscode.Uri): void {
    this.cache.forget(uri.toString());
    this.uris.delete(uri.toString());
  }

  private get(uri: vscode.Uri, version: string, text: string): AnalyzedFile {
    this.uris.set(uri.toString(), uri);
    return this.cache.get(uri.toString(), uri.fsPath, version, text);
  }

  private documentClosed(document: vscode.TextDocument): void {
    // Its unsaved edits, if any, are gone: files that read it see the disk content again.
    this.fileChanged(document.uri);
    // A workspace file is read from disk next (Problems panel, Services view): an unchanged text keeps its
    // parse. Nothing reads a closed file outside the workspace again.
    if (!vscode.workspace.getWorkspaceFolder(document.uri)) this.forget(document.uri);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
