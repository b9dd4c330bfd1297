import * as vscode from 'vscode';
import { isComposeFile } from '../core/compose/files';
import { isDockerfileName } from '../core/dockerfile/files';

/** The setting that lists the user's compose-file patterns. */
const FILES_SETTING = 'composeHealth.files';
/** Its former name (diagnostics only), still read while `composeHealth.files` is set nowhere. */
const LEGACY_FILES_SETTING = 'composeHealth.diagnostics.files';

/**
 * The languages compose files have in the editor: `dockercompose` (the Docker extensions) or plain
 * `yaml`. Language features register for these and then ask `isComposeDocument`: a DocumentSelector
 * is fixed when a provider is registered, while the user's patterns are a setting that can change at
 * any time, so a pattern selector would need every provider registered again on each change.
 */
export const COMPOSE_LANGUAGES: vscode.DocumentSelector = [{ language: 'dockercompose' }, { language: 'yaml' }];

/** The user's patterns: `composeHealth.files`, or the former `composeHealth.diagnostics.files` while the new one is unset. */
export function readPatterns(): string[] {
  const settings = vscode.workspace.getConfiguration('composeHealth');
  const inspected = settings.inspect<unknown>('files');
  const setSomewhere = [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue].some((v) => v !== undefined);
  const value = settings.get<unknown>(setSomewhere ? 'files' : 'diagnostics.files', []);
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
}

export function affectsPatterns(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(FILES_SETTING) || e.affectsConfiguration(LEGACY_FILES_SETTING);
}

/**
 * Whether `uri` names a compose file by its path: a name Compose looks for, or a match of the user's
 * patterns relative to its workspace folder (see `isComposeFile`).
 */
export function isComposePath(uri: vscode.Uri, patterns: readonly string[]): boolean {
  return isComposeFile(vscode.workspace.asRelativePath(uri, false), patterns);
}

/**
 * The one answer to "is this editor document a compose file" for diagnostics, hovers, quick fixes and
 * the probe lenses: a real file (a `git:` or diff view of the same path would otherwise duplicate every
 * diagnostic and lens), and either given the `dockercompose` language (by the Docker extensions or
 * the user's `files.associations`: they declared it a compose file) or YAML with a compose path.
 */
export function isComposeDocument(document: vscode.TextDocument, patterns: readonly string[]): boolean {
  if (document.uri.scheme !== 'file' && !vscode.workspace.getWorkspaceFolder(document.uri)) return false;
  if (document.languageId === 'dockercompose') return true;
  return document.languageId === 'yaml' && isComposePath(document.uri, patterns);
}

/**
 * The language Dockerfiles have in the editor (VS Code's built-in Docker grammar and the Docker
 * extensions), or plain text: a Dockerfile's name where no grammar is installed, or any name a compose
 * file's `build.dockerfile` gives (`docker/app.df`). A selector cannot know the latter, so every plain-text
 * document is offered and each provider asks ComposeFiles.isDockerfileDocument, the one answer.
 */
export const DOCKERFILE_LANGUAGES: vscode.DocumentSelector = [{ language: 'dockerfile' }, { language: 'plaintext' }];

/**
 * The one answer to "is this editor document a Dockerfile": a real file (as for compose documents) in the
 * `dockerfile` language — VS Code gives it to `Dockerfile`, `Containerfile`, `Dockerfile.*`,
 * `Containerfile.*`, `*.dockerfile`, `*.containerfile` — or plain text with a Dockerfile's name.
 */
export function isDockerfileDocument(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' && !vscode.workspace.getWorkspaceFolder(document.uri)) return false;
  if (document.languageId === 'dockerfile') return true;
  return document.languageId === 'plaintext' && isDockerfileName(document.uri.path);
}

/** Whether `uri` names a Dockerfile by its path (see `isDockerfileName`). */
export function isDockerfilePath(uri: vscode.Uri): boolean {
  return isDockerfileName(uri.path);
}

/** A `findFiles`/watcher glob for a user pattern: one without a `/` matches that name in any folder. */
export function workspaceGlob(pattern: string): string {
  const trimmed = pattern.trim().replace(/^\.\//, '');
  return trimmed.includes('/') ? trimmed : `**/${trimmed}`;
}
