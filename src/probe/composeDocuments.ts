import type * as vscode from 'vscode';
import type { ComposeDocumentService } from '../compose/documents';
import type { ServiceEntry } from '../core/compose/model';

/** Services with a `healthcheck:` block, in file order, from the shared parse of the document's version. */
export function checkedServices(documents: ComposeDocumentService, document: vscode.TextDocument): ServiceEntry[] {
  return documents.modelFor(document).services.filter((s) => s.healthcheck);
}
