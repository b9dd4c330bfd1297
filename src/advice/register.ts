import * as vscode from 'vscode';
import type { ComposeFiles } from '../compose/composeFiles';
import type { ComposeDocumentService } from '../compose/documents';
import { COMPOSE_LANGUAGES } from '../compose/selector';
import type { HealthHistory } from '../core/history/model';
import type { SharedEngine } from '../engine/sharedEngine';
import { registerUnhealthyNotifications } from './notifications';
import { TimingAdvice } from './timing';

export interface AdviceDeps {
  history: HealthHistory;
  engine: Pick<SharedEngine, 'store' | 'monitor'>;
  files: ComposeFiles;
  documents: ComposeDocumentService;
  log: vscode.LogOutputChannel;
}

/** Advice from the health history: notifications when a service turns unhealthy, and timing advice in compose files. */
export function registerAdvice(deps: AdviceDeps): vscode.Disposable {
  const timing = new TimingAdvice(deps.history, deps.engine.store, deps.files, deps.documents, deps.log);
  // Registered for the compose languages; the providers ask the shared policy which documents are compose files.
  const disposables = [
    registerUnhealthyNotifications(deps.history, deps.engine, deps.log),
    timing,
    vscode.languages.registerHoverProvider(COMPOSE_LANGUAGES, timing),
    vscode.languages.registerCodeActionsProvider(COMPOSE_LANGUAGES, timing, TimingAdvice.metadata),
  ];
  return { dispose: () => disposables.reverse().forEach((d) => d.dispose()) };
}
