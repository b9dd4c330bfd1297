// Every command this extension contributes, in one table (package.json's `contributes.commands` must
// list exactly these: test/unit/commands/ids.test.ts holds them together). Pure, so the lens wording in
// src/probe/lensTitles.ts, which is unit-tested in plain Node, can name them too.

export const COMMAND = {
  refresh: 'composeHealth.refresh',
  retryConnection: 'composeHealth.retryConnection',
  addEngineFromContext: 'composeHealth.addEngineFromContext',
  openDefinition: 'composeHealth.openDefinition',
  showProbeLog: 'composeHealth.showProbeLog',
  restartContainer: 'composeHealth.restartContainer',
  showContainerLogs: 'composeHealth.showContainerLogs',
  copyContainerId: 'composeHealth.copyContainerId',
  runProbe: 'composeHealth.runProbe',
  runDockerfileProbe: 'composeHealth.runDockerfileProbe',
  recreateService: 'composeHealth.recreateService',
  startService: 'composeHealth.startService',
  suggestHealthcheck: 'composeHealth.suggestHealthcheck',
  showTimeline: 'composeHealth.showTimeline',
  lintWorkspace: 'composeHealth.lintWorkspace',
  showLog: 'composeHealth.showLog',
} as const;

export type CommandId = (typeof COMMAND)[keyof typeof COMMAND];

/** The Services view (package.json `contributes.views`). */
export const SERVICES_VIEW = 'composeHealth.services';

/** Commands of VS Code itself that the extension invokes or links to. */
export const WORKBENCH_COMMAND = {
  /** The Services view's "focus" command, which VS Code generates for every view. */
  focusServices: `${SERVICES_VIEW}.focus`,
  manageTrust: 'workbench.trust.manage',
  openSettings: 'workbench.action.openSettings',
} as const;
