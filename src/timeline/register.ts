import * as vscode from 'vscode';
import { COMMAND } from '../commands/ids';
import { registerCommand } from '../commands/register';
import type { HealthStore } from '../core/health/store';
import type { HealthHistory } from '../core/history/model';
import type { SharedEngine } from '../engine/sharedEngine';
import type { TimelinePanel } from './panel';

/**
 * `Compose Health: Show Health Timeline`: from the palette (asks for a project), from a project or
 * service row of the Services view (a tree element carries `project`, a service row also `service`),
 * and from other features with `{ project, service? }`. One panel per project, reused.
 */
export function registerTimeline({
  extensionUri,
  history,
  engine,
  log,
}: {
  extensionUri: vscode.Uri;
  history: HealthHistory;
  engine: Pick<SharedEngine, 'store' | 'monitor'>;
  log: vscode.LogOutputChannel;
}): vscode.Disposable {
  const deps = { extensionUri, history, store: engine.store, log };
  const panels = new Map<string, TimelinePanel>();
  const show = async (target?: unknown) => {
    // The timeline is live: follow the engine's events from now on (the tree starts them too, when shown).
    engine.monitor.start();
    const { project, service } = targetOf(target) ?? { project: await pickProject(history, engine.store) };
    if (!project) return;
    let panel = panels.get(project);
    if (!panel) {
      // The panel and the SVG layout are loaded when a timeline is first shown, not at activation (the
      // extension's bundle resolves this require to dist/timeline.js, esbuild.mjs).
      const { TimelinePanel } = require('./panel') as typeof import('./panel');
      const created = TimelinePanel.create(project, deps);
      panels.set(project, created);
      created.onDidDispose(() => panels.delete(project));
      panel = created;
    }
    panel.reveal(service);
  };
  return vscode.Disposable.from(registerCommand(COMMAND.showTimeline, deps.log, show), {
    dispose: () => {
      for (const panel of [...panels.values()]) panel.dispose();
    },
  });
}

/** `{ project, service? }`, or a Services view element (project and service rows carry the same fields). */
function targetOf(target: unknown): { project: string; service?: string } | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  const { project, service } = target as { project?: unknown; service?: unknown };
  if (typeof project !== 'string' || !project) return undefined;
  return typeof service === 'string' && service ? { project, service } : { project };
}

async function pickProject(history: HealthHistory, store: HealthStore): Promise<string | undefined> {
  const recorded = new Set(history.projects());
  const names = [...new Set([...store.projects().map((p) => p.name), ...recorded])];
  if (names.length === 0) {
    void vscode.window.showInformationMessage(
      'Compose Health: no Compose project is running and none has recorded history yet. Start one (docker compose up) and open the Services view, then show its timeline.',
    );
    return undefined;
  }
  if (names.length === 1) return names[0];
  const picked = await vscode.window.showQuickPick(
    names.map((name) => ({ label: name, description: recorded.has(name) ? 'history recorded' : 'no history yet' })),
    { title: 'Show Health Timeline', placeHolder: 'The Compose project whose services to show' },
  );
  return picked?.label;
}
