import * as vscode from 'vscode';
import { isComposeFile } from '../core/compose/files';

/** VS Code gives compose files the language id `dockercompose` (Docker extensions) or plain `yaml`. */
export const COMPOSE_LANGUAGES: vscode.DocumentSelector = [{ language: 'dockercompose' }, { language: 'yaml' }];

/**
 * An editor document to check: a compose language, a compose file name, and a real file (a `git:` or
 * diff view of the same path would otherwise duplicate every diagnostic).
 */
export function isDocumentToCheck(document: vscode.TextDocument, extraGlobs: readonly string[]): boolean {
  if (document.languageId !== 'dockercompose' && document.languageId !== 'yaml') return false;
  if (document.uri.scheme !== 'file' && !vscode.workspace.getWorkspaceFolder(document.uri)) return false;
  return isComposeFile(vscode.workspace.asRelativePath(document.uri, false), extraGlobs);
}

/** `findFiles`/watcher globs for the user's patterns: one without a `/` matches that name in any folder. */
export function workspaceGlob(pattern: string): string {
  const trimmed = pattern.trim().replace(/^\.\//, '');
  return trimmed.includes('/') ? trimmed : `**/${trimmed}`;
}
