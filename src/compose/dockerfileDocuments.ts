import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { DockerfileModel } from '../core/dockerfile/model';
import { loadDockerfileAnalyzer } from './loadDockerfileAnalyzer';

interface Entry {
  version: string;
  contentHash: string;
  model: DockerfileModel;
}

/**
 * The one parse of each version of a Dockerfile for the editor: diagnostics, quick fixes and hovers read
 * it from here (the Dockerfile counterpart of ComposeDocumentService). A new version with the same text
 * (opened, closed, saved) keeps its parse. The parser is loaded at the first Dockerfile
 * (loadDockerfileAnalyzer), never at activation.
 */
export class DockerfileDocuments {
  private readonly entries = new Map<string, Entry>();
  private readonly counts = new Map<string, number>();

  /** The parse of an open document's current version. */
  forDocument(document: vscode.TextDocument): DockerfileModel {
    return this.get(document.uri, `doc:${document.version}`, document.getText());
  }

  /** The parse of a file read from disk; `version` changes with its content (`disk:<mtime>:<size>`). */
  forFile(uri: vscode.Uri, version: string, text: string): DockerfileModel {
    return this.get(uri, version, text);
  }

  /** How many times a Dockerfile's text was parsed (the "nothing re-parsed that did not change" tests). */
  parsesOf(uri: vscode.Uri): number {
    return this.counts.get(uri.toString()) ?? 0;
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }

  private get(uri: vscode.Uri, version: string, text: string): DockerfileModel {
    const key = uri.toString();
    const entry = this.entries.get(key);
    if (entry?.version === version) return entry.model;
    const hash = createHash('sha1').update(text).digest('base64');
    if (entry?.contentHash === hash) {
      entry.version = version;
      return entry.model;
    }
    this.counts.set(key, this.parsesOf(uri) + 1);
    const model = loadDockerfileAnalyzer().parse(text);
    this.entries.set(key, { version, contentHash: hash, model });
    return model;
  }
}
