import * as vscode from 'vscode';
import { loadCompose } from '../core/compose/load';
import type { ComposeModel, ServiceEntry } from '../core/compose/model';

/** The compose files the probe lenses attach to (the names `docker compose` finds, and the language id). */
export const COMPOSE_SELECTOR: vscode.DocumentSelector = [
  { language: 'dockercompose' },
  { pattern: '**/{compose,docker-compose}.{yaml,yml}' },
  { pattern: '**/{compose,docker-compose}.*.{yaml,yml}' },
];

/** Variables for interpolation: the extension host's environment (what Compose sees when run from it). */
export function interpolationEnv(): Record<string, string | undefined> {
  return process.env;
}

/** Parsed compose models of open documents, re-parsed only when a document's version changes. */
export class ComposeDocuments {
  private readonly cache = new Map<string, { version: number; model: ComposeModel }>();

  model(document: vscode.TextDocument): ComposeModel {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.model;
    const model = loadCompose(document.getText(), { fileName: document.uri.fsPath, env: interpolationEnv() });
    this.cache.set(key, { version: document.version, model });
    return model;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }

  /** Services with a `healthcheck:` block, in file order. */
  checkedServices(document: vscode.TextDocument): ServiceEntry[] {
    return this.model(document).services.filter((s) => s.healthcheck);
  }
}

export function isComposeDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(COMPOSE_SELECTOR, document) > 0;
}
