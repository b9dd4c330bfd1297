import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';
import type { RenderedItem, TreeTestApi } from '../../../src/tree/testApi';
import { exec } from '../../engine/health/support';
import type { PrivateSwarm } from '../../engine/swarm/support';
import { screenshot } from '../screenshot';
import { untilTree } from '../tree/untilTree';
import { STACK, sharedSwarm } from './sharedSwarm';

const DEADLINE_MS = 90_000;
/** Engine → stack → service → task. */
const DEPTH = 4;

const swarmEngine = (rows: RenderedItem[], url: string) => rows.find((r) => r.description === url);
const stackRow = (rows: RenderedItem[], url: string) => swarmEngine(rows, url)?.children?.find((r) => r.contextValue === 'stack' && r.label === STACK);
const webRow = (rows: RenderedItem[], url: string) => stackRow(rows, url)?.children?.find((r) => r.label === 'web');
const taskRows = (rows: RenderedItem[], url: string) => webRow(rows, url)?.children ?? [];

/**
 * The workspace's compose.yaml deployed as a stack on a swarm of the suite's own (sharedSwarm), beside
 * the system engine: the swarm's engine row holds the stack → its service → the service's task, with the
 * task container's health, live from the engine's events.
 */
describe('host: a Swarm stack in the Services tree', function () {
  this.timeout(180_000);
  let api: TreeTestApi;
  let swarm: PrivateSwarm;
  let url: string;

  before(async function () {
    this.timeout(180_000);
    const extension = vscode.extensions.getExtension<ComposeHealthExports>('compose-health.compose-health');
    assert.ok(extension, 'the extension is loaded');
    api = (await extension.activate()).tree;
    swarm = await sharedSwarm();
    url = swarm.dockerd.url;
    await vscode.commands.executeCommand('composeHealth.services.focus');
  });

  it('shows the stack under its engine, with the service and its task healthy, and counts it in the status bar', async () => {
    // The task container turns healthy first; the manager records the task `running` a moment later (1/1).
    const rows = await untilTree(api, (r) => /^1\/1 · healthy/.test(webRow(r, url)?.description ?? ''), 'the stack service 1/1 healthy', DEADLINE_MS, DEPTH);
    assert.equal(rows.length, 2, 'two engine rows: the system engine and the swarm');
    assert.match(swarmEngine(rows, url)!.label, /^Docker /);
    const stack = stackRow(rows, url)!;
    assert.equal(stack.description, 'stack · 1/1 healthy');
    assert.equal(stack.collapsible, 'expanded');
    const web = webRow(rows, url)!;
    assert.match(web.description ?? '', /^1\/1 · healthy/);
    assert.match(web.contextValue ?? '', /healthcheck/);
    const [task] = taskRows(rows, url);
    assert.equal(task.label, 'web.1');
    assert.match(task.description ?? '', /^running · healthy · /, 'the task shows its state, its container\'s health and its node');
    assert.equal(task.contextValue, 'task local', 'the task container is on this engine');
    // The file runs as a stack: the stack stands for it, with no "not created" Compose project on either engine.
    const system = swarmEngine(rows, 'unix:///var/run/docker.sock')!;
    assert.deepEqual(system.children ?? [], [], 'the system engine shows neither a stack nor the file as a not created project');
    assert.deepEqual(swarmEngine(rows, url)!.children?.map((r) => r.contextValue), ['stack']);
    assert.equal(api.statusBar(), '$(pulse) 1/1 healthy', 'the stack service counts like a Compose service, once');
    await screenshot('host-swarm-stack');
  });

  it('follows the task container turning unhealthy, and Swarm replacing the task with a healthy one', async () => {
    const [container] = await swarm.docker.listContainers({ filters: { label: [`com.docker.stack.namespace=${STACK}`] } });
    assert.ok(container, 'the task container runs on the swarm engine');
    const before = (await api.render(DEPTH)).flatMap((r) => (r.description === url ? taskRows([r], url) : []))[0];
    await exec(swarm.docker.getContainer(container.Id), ['rm', '/tmp/ok']);
    const unhealthy = await untilTree(api, (r) => taskRows(r, url).some((t) => /unhealthy/.test(t.description ?? '')), 'the task unhealthy', DEADLINE_MS, DEPTH);
    assert.equal(api.view().badge, 1, 'the view badge counts the unhealthy stack service');
    assert.match(stackRow(unhealthy, url)?.icon ?? '', /^error@/);
    // moby's executor kills an unhealthy task container (exit 137) and swarmkit starts a new task in the slot.
    const replaced = await untilTree(
      api,
      (r) => taskRows(r, url).some((t) => t.id !== before.id && t.label === 'web.1' && /^running · healthy/.test(t.description ?? '')),
      'a new healthy task in slot 1',
      DEADLINE_MS,
      DEPTH,
    );
    assert.equal(taskRows(replaced, url).length, 1, 'the slot shows its current task only');
    assert.equal(api.statusBar(), '$(pulse) 1/1 healthy');
  });

  it('drops the stack when it is removed', async () => {
    swarm.removeStack(STACK);
    const rows = await untilTree(api, (r) => stackRow(r, url) === undefined, 'the stack gone', DEADLINE_MS, DEPTH);
    // Nothing runs the file any more: each engine says so as for any workspace file.
    for (const engine of [url, 'unix:///var/run/docker.sock']) assert.deepEqual(swarmEngine(rows, engine)?.children?.map((r) => `${r.label}: ${r.description}`), ['swarm: not created'], engine);
    assert.equal(api.statusBar(), '$(pulse) 0/2 healthy');
  });
});
