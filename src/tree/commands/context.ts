import type * as vscode from 'vscode';
import type { ComposeDocumentService } from '../../compose/documents';
import type { EngineSession } from '../../core/engine/connection';
import type { EngineMonitors } from '../../engine/sharedEngine';
import type { HealthStore } from '../../core/health/store';
import type { ContainerRecord } from '../../core/health/model';
import type { TreeElement } from '../elements';

/** What the tree's commands work with. */
export interface TreeCommandContext {
  /** The live session of the engine that runs the container, if that engine is connected. */
  sessionOf(containerId: string): EngineSession | undefined;
  store: HealthStore;
  monitor: EngineMonitors;
  log: vscode.LogOutputChannel;
  /** The shared parses of compose files (a definition is found in the document's current version). */
  documents: ComposeDocumentService;
}

/** The container a command was invoked on (a container item, or one of its probes). */
export function containerOf(store: HealthStore, element: TreeElement | undefined): ContainerRecord | undefined {
  if (element?.kind === 'container' || element?.kind === 'probe') return store.container(element.containerId);
  return undefined;
}
