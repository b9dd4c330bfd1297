import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServiceLane } from '../../../src/core/history/model';
import type { ComposeHealthExports } from '../../../src/extension';
import type { HistoryTestApi } from '../../../src/history/testApi';
import { createComposeContainer, dockerAt, removeProject } from '../../engine/health/support';

// Run twice on the same workspace and user data folder (suite.json "phases": 2): a window that records,
// closes, and opens again.
const PROJECT = 'historystorehost';
const phase = Number(process.env.COMPOSE_HEALTH_HOST_PHASE);
const handoff = (name: string) => path.join(process.env.COMPOSE_HEALTH_HOST_HANDOFF ?? '', name);

/** Resolves once `check` holds, re-checked whenever the history records (no sleeping). */
function until(api: HistoryTestApi, check: () => boolean, what: string, deadlineMs = 30_000): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for ${what}; the lane: ${JSON.stringify(api.lane(PROJECT, 'web'))}`));
    }, deadlineMs);
    const subscription = api.onDidRecord(() => {
      if (!check()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

function nextSave(api: HistoryTestApi, deadlineMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the history was not saved')), deadlineMs);
    const subscription = api.onDidSave(() => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

describe('host: the health history survives a window reload', function () {
  this.timeout(90_000);
  const docker = dockerAt();
  let api: HistoryTestApi;
  const lane = () => api.lane(PROJECT, 'web');

  before(async () => {
    const extension = vscode.extensions.getExtension<ComposeHealthExports>('compose-health.compose-health');
    assert.ok(extension, 'the extension is loaded');
    api = (await extension.activate()).history;
  });

  after(async () => {
    if (phase === 2) await removeProject(docker, PROJECT);
  });

  // Each phase registers only its own test (outside a phased run, none).
  if (phase === 1) it('phase 1: records a container going healthy and saves it in the workspace storage', async () => {
    await removeProject(docker, PROJECT);
    const dir = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const web = await createComposeContainer(docker, {
      project: PROJECT,
      service: 'web',
      workingDir: dir,
      cmd: ['sh', '-c', 'sleep 1; touch /tmp/ok; exec sleep 3600'],
      healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 300, retries: 1 },
    });
    await web.start();
    await until(api, () => lane()?.changes.at(-1)?.status === 'healthy' && lane()!.probes.some((p) => p.exitCode === 0), 'healthy with its probe');
    await nextSave(api);
    assert.ok(api.file, 'a workspace has a storage folder');
    assert.match(api.file, /workspaceStorage/);
    const saved = JSON.parse(fs.readFileSync(api.file, 'utf8')) as { version: number; lanes: Array<{ project: string }> };
    assert.equal(saved.version, 1);
    assert.ok(saved.lanes.some((l) => l.project === PROJECT));
    fs.writeFileSync(handoff('phase1.json'), JSON.stringify({ file: api.file, lane: lane() }));
  });

  if (phase === 2) it('phase 2: the reopened window has the lane back, and goes on recording into it', async () => {
    const before = JSON.parse(fs.readFileSync(handoff('phase1.json'), 'utf8')) as { file: string; lane: ServiceLane };
    assert.equal(api.file, before.file, 'the same storage file');
    await until(api, () => (lane()?.changes.length ?? 0) >= before.lane.changes.length, 'the restored lane');
    const restored = lane()!;
    // The reconnect after the reload may add to it, never change or repeat what was there.
    assert.deepEqual(restored.changes.slice(0, before.lane.changes.length), before.lane.changes);
    assert.deepEqual(restored.marks.slice(0, before.lane.marks.length), before.lane.marks);
    assert.deepEqual(restored.probes.slice(0, before.lane.probes.length), before.lane.probes);

    // A restart now: the same container's lane goes on, and Docker's kept log is not recorded again.
    const id = before.lane.changes[0]!.containerId;
    await docker.getContainer(id).restart({ t: 0 });
    await until(api, () => lane()!.marks.some((m) => m.kind === 'restarted') && lane()!.changes.at(-1)?.status === 'healthy', 'restarted and healthy');
    const after = lane()!;
    assert.deepEqual(after.marks.slice(0, before.lane.marks.length), before.lane.marks);
    assert.equal(after.marks.find((m) => m.kind === 'restarted')?.containerId, id);
    const starts = after.probes.map((p) => p.start);
    assert.equal(new Set(starts).size, starts.length, 'no probe recorded twice');
  });
});
