import * as vscode from 'vscode';
import { readProjectFile, type ComposeDocumentService } from '../compose/documents';
import { parseDotEnv } from '../core/compose/dotenv';
import { COMPOSE_FILE_GLOB } from '../core/compose/files';
import type { ServiceEntry } from '../core/compose/model';
import { dotEnvPathOf } from '../core/compose/project';

/** The compose files the probe lenses attach to (the names `docker compose` finds, and the language id). */
export const COMPOSE_SELECTOR: vscode.DocumentSelector = [{ language: 'dockercompose' }, { pattern: COMPOSE_FILE_GLOB }];

/**
 * The environment Compose derives the project name from: the process environment over the `.env`
 * beside the file (`COMPOSE_PROJECT_NAME` may be set in either). The `.env` is read as the parses read
 * it: an open buffer first, else a bounded read of a regular file.
 */
export function projectEnv(fileName: string): Record<string, string | undefined> {
  const dotEnvPath = dotEnvPathOf(fileName);
  const dotEnv = dotEnvPath ? readProjectFile(dotEnvPath) : undefined;
  return { ...(dotEnv ? parseDotEnv(dotEnv) : {}), ...process.env };
}

/** Services with a `healthcheck:` block, in file order, from the shared parse of the document's version. */
export function checkedServices(documents: ComposeDocumentService, document: vscode.TextDocument): ServiceEntry[] {
  return documents.modelFor(document).services.filter((s) => s.healthcheck);
}

export function isComposeDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(COMPOSE_SELECTOR, document) > 0;
}
