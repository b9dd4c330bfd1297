import type * as vscode from 'vscode';
import type { ComposeDocumentService } from '../../compose/documents';
import type { EngineConnectionView } from '../../core/engine/connection';
import type { EngineClient } from '../../core/engine/types';
import type { HealthMonitor } from '../../core/health/monitor';
import type { HealthStore } from '../../core/health/store';
import type { ContainerRecord } from '../../core/health/model';
import type { TreeElement } from '../elements';

/** What the tree's commands work with. */
export interface TreeCommandContext {
  connection: EngineConnectionView<EngineClient>;
  store: HealthStore;
  monitor: HealthMonitor;
  log: vscode.LogOutputChannel;
  /** The shared parses of compose files (a definition is found in the document's current version). */
  documents: ComposeDocumentService;
}

/** The container a command was invoked on (a container item, or one of its probes). */
export function containerOf(store: HealthStore, element: TreeElement | undefined): ContainerRecord | undefined {
  if (element?.kind === 'container' || element?.kind === 'probe') return store.container(element.containerId);
  return undefined;
}
