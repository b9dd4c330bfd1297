import * as vscode from 'vscode';
import { COMMAND } from '../commands/ids';
import { UnhealthyNoticePolicy, type UnhealthyNotice } from '../core/advice/unhealthyNotices';
import type { HealthHistory } from '../core/history/model';
import type { HealthStore } from '../core/health/store';
import type { SharedEngine } from '../engine/sharedEngine';

/** `composeHealth.notifications.unhealthy` (package.json): which projects' services are announced. */
export type NotifyScope = 'off' | 'workspace' | 'all';

export function notifyScope(): NotifyScope {
  const value = vscode.workspace.getConfiguration('composeHealth').get<string>('notifications.unhealthy');
  return value === 'off' || value === 'all' ? value : 'workspace';
}

const SHOW_TIMELINE = 'Show Timeline';
const RUN_PROBE = 'Run Probe';
const OPEN_DEFINITION = 'Open Definition';

/**
 * A warning notification when a service turns unhealthy (the policy in core/advice/unhealthyNotices.ts
 * decides when), with Show Timeline, Run Probe and Open Definition. Held-back notices go to the log.
 */
export function registerUnhealthyNotifications(history: HealthHistory, engine: Pick<SharedEngine, 'store' | 'monitor'>, log: vscode.LogOutputChannel): vscode.Disposable {
  const { store, monitor } = engine;
  const policy = new UnhealthyNoticePolicy({
    history,
    wanted: (project) => {
      const scope = notifyScope();
      if (scope === 'off') return false;
      // The workspace's projects are those the Services view counts as its own (files or labels in it).
      return scope === 'all' || store.projects('all').some((p) => p.name === project && p.inWorkspace);
    },
    show: (notice) =>
      void announce(notice, store, log).catch((error: unknown) => {
        // An action whose command failed (the timeline not installed, a file gone): say so, not silently.
        const message = error instanceof Error ? error.message : String(error);
        log.warn(`The action on the notice for ${notice.project} / ${notice.service} failed: ${message}`);
        void vscode.window.showErrorMessage(`Compose Health: ${message}`);
      }),
    suppressed: (notice, reason) => log.info(`${notice.project} / ${notice.service} turned unhealthy${notice.explanation ? ` (${notice.explanation.label})` : ''}; not notified: ${reason}.`),
    now: () => Date.now(),
    fetchProbes: (containerId) => void monitor.requestDetails(containerId),
    testOf: (containerId) => store.container(containerId)?.details?.healthcheck?.test,
    setTimer: (run, ms) => {
      const timer = setTimeout(run, ms);
      return { dispose: () => clearTimeout(timer) };
    },
  });
  return { dispose: () => policy.dispose() };
}

export function noticeText(notice: UnhealthyNotice): string {
  const why = notice.explanation ? ` — ${notice.explanation.label}: ${notice.explanation.advice}` : notice.output ? ` — ${notice.output}` : '';
  const text = `Compose Health: ${notice.service} (${notice.project}) is unhealthy${why}`;
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

async function announce(notice: UnhealthyNotice, store: HealthStore, log: vscode.LogOutputChannel): Promise<void> {
  const { project, service } = notice;
  log.info(`${project} / ${service} turned unhealthy${notice.explanation ? ` (${notice.explanation.label})` : ''}: notified.`);
  const view = store.service(project, service);
  // Run Probe needs the compose file that defines the service (the lens command takes a file and a service).
  const file = view?.definition?.file ?? view?.containers.flatMap((c) => c.record.compose.configFiles ?? [])[0];
  const actions = [SHOW_TIMELINE, ...(file ? [RUN_PROBE] : []), OPEN_DEFINITION];
  const choice = await vscode.window.showWarningMessage(noticeText(notice), ...actions);
  switch (choice) {
    case SHOW_TIMELINE:
      await vscode.commands.executeCommand(COMMAND.showTimeline, { project, service });
      return;
    case RUN_PROBE:
      await vscode.commands.executeCommand(COMMAND.runProbe, vscode.Uri.file(file!), service);
      return;
    case OPEN_DEFINITION:
      // The Services view's command, given the service element it would get from a row.
      await vscode.commands.executeCommand(COMMAND.openDefinition, { kind: 'service', id: `service:${project}/${service}`, project, service });
      return;
  }
}
