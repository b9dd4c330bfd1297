import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { parseDotEnv } from '../core/compose/dotenv';
import { COMPOSE_FILE_GLOB } from '../core/compose/files';
import { loadCompose } from '../core/compose/load';
import type { ComposeModel, ServiceEntry } from '../core/compose/model';
import { dotEnvPathOf } from '../core/compose/project';

/** The compose files the probe lenses attach to (the names `docker compose` finds, and the language id). */
export const COMPOSE_SELECTOR: vscode.DocumentSelector = [{ language: 'dockercompose' }, { pattern: COMPOSE_FILE_GLOB }];

/**
 * Another file of the project (its `.env`, the base of an override file, an `extends` target), as
 * Compose would read it — except that a file open in the editor counts with its unsaved edits, like
 * the probed file itself.
 */
function readProjectFile(filePath: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === filePath);
  if (open) return open.getText();
  try {
    return readFileSync(filePath, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The environment Compose derives the project name from: the process environment over the `.env`
 * beside the file (`COMPOSE_PROJECT_NAME` may be set in either).
 */
export function projectEnv(fileName: string): Record<string, string | undefined> {
  const dotEnvPath = dotEnvPathOf(fileName);
  const dotEnv = dotEnvPath ? readProjectFile(dotEnvPath) : undefined;
  return { ...(dotEnv ? parseDotEnv(dotEnv) : {}), ...process.env };
}

/** Parsed compose models of open documents, re-parsed only when a document's version changes. */
export class ComposeDocuments {
  private readonly cache = new Map<string, { version: number; model: ComposeModel }>();

  model(document: vscode.TextDocument): ComposeModel {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.model;
    const model = loadCompose(document.getText(), { fileName: document.uri.fsPath, env: process.env, readFile: readProjectFile });
    this.cache.set(key, { version: document.version, model });
    return model;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }

  /**
   * A file other models may have read changed (a `.env`, a base or override file): parse again on next
   * use rather than track who read what.
   */
  forgetAll(): void {
    this.cache.clear();
  }

  /** Services with a `healthcheck:` block, in file order. */
  checkedServices(document: vscode.TextDocument): ServiceEntry[] {
    return this.model(document).services.filter((s) => s.healthcheck);
  }
}

export function isComposeDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(COMPOSE_SELECTOR, document) > 0;
}
