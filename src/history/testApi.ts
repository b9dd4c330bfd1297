import type * as vscode from 'vscode';
import type { HealthHistory, ServiceLane } from '../core/history/model';
import type { HistoryService } from './register';

/**
 * What the host-tier tests read of the health history through `activate()`'s return value
 * (`exports.history`): copies of the lanes, never the store, and where and when it is saved. Built only
 * outside production (src/extension.ts). Not a user API.
 */
export interface HistoryTestApi {
  lanes(project: string): ServiceLane[];
  lane(project: string, service: string): ServiceLane | undefined;
  projects(): string[];
  readonly onDidRecord: HealthHistory['onDidRecord'];
  readonly file: string | undefined;
  readonly onDidSave: vscode.Event<void>;
}

export function createHistoryTestApi(service: HistoryService): HistoryTestApi {
  const { history } = service;
  return {
    lanes: (project) => structuredClone(history.lanes(project)),
    lane: (project, name) => structuredClone(history.lane(project, name)),
    projects: () => history.projects(),
    onDidRecord: history.onDidRecord,
    file: service.file,
    onDidSave: service.onDidSave,
  };
}
