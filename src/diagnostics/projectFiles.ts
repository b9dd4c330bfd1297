import { normalize } from 'node:path';
import * as vscode from 'vscode';
import { readTextFile } from '../core/compose/files';
import { DEFAULT_LIMITS } from '../core/compose/limits';

/**
 * Reads the other files a compose file's check needs — the `.env` beside it, the base of an override
 * file or of a `COMPOSE_FILE` list, `extends: {file}` targets — from an open editor buffer first (unsaved
 * edits count, as everywhere in the editor), else from disk. Each reader remembers the paths it was
 * asked for, even missing ones, so that a change to any of them re-checks the file that read them.
 */
export class ProjectFileReader {
  readonly paths = new Set<string>();

  readonly readFile = (path: string): string | undefined => {
    const wanted = normalize(path);
    this.paths.add(wanted);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && normalize(d.uri.fsPath) === wanted);
    if (open) return open.getText();
    const read = readTextFile(wanted, DEFAULT_LIMITS.maxChars);
    return read.ok ? read.text : undefined;
  };
}

/** The key a file has in a reader's `paths`. */
export function pathKey(uri: vscode.Uri): string | undefined {
  return uri.scheme === 'file' ? normalize(uri.fsPath) : undefined;
}
