import * as vscode from 'vscode';
import type { ComposeDocumentService } from '../compose/documents';
import { COMPOSE_FILE_GLOB } from '../core/compose/files';
import type { ServiceEntry } from '../core/compose/model';

/** The compose files the probe lenses attach to (the names `docker compose` finds, and the language id). */
export const COMPOSE_SELECTOR: vscode.DocumentSelector = [{ language: 'dockercompose' }, { pattern: COMPOSE_FILE_GLOB }];

/** Services with a `healthcheck:` block, in file order, from the shared parse of the document's version. */
export function checkedServices(documents: ComposeDocumentService, document: vscode.TextDocument): ServiceEntry[] {
  return documents.modelFor(document).services.filter((s) => s.healthcheck);
}

/** A document the probe lenses attach to (COMPOSE_SELECTOR): where Run Probe can find the service at the cursor. */
export function isLensDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(COMPOSE_SELECTOR, document) > 0;
}
