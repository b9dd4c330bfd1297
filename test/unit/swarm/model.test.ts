import * as assert from 'node:assert/strict';
import { swarmChangeOf, taskSettled } from '../../../src/core/swarm/events';
import { buildSwarmModel, currentTasks } from '../../../src/core/swarm/model';
import { stackServiceTasks, stacksOfFile } from '../../../src/core/swarm/stackOfFile';
import type { ServiceData, TaskData } from '../../../src/core/swarm/types';

const service = (id: string, name: string, stack?: string, replicas = 1): ServiceData => ({
  ID: id,
  Spec: { Name: name, Labels: stack ? { 'com.docker.stack.namespace': stack } : {}, Mode: { Replicated: { Replicas: replicas } } },
});
const task = (id: string, serviceId: string, slot: number, index: number, state: string, node = 'n1', container = `c-${id}`): TaskData => ({
  ID: id,
  ServiceID: serviceId,
  NodeID: node,
  Slot: slot,
  DesiredState: state === 'shutdown' || state === 'failed' ? 'shutdown' : 'running',
  Version: { Index: index },
  Status: { State: state, ContainerStatus: { ContainerID: container } },
});

describe('Swarm model (stacks → services → tasks)', () => {
  it('groups services by their stack label, strips the <stack>_ prefix, and shows each slot\'s newest task', () => {
    const model = buildSwarmModel({
      localNodeId: 'n1',
      services: [service('s1', 'shop_web', 'shop', 2), service('s2', 'shop_db', 'shop'), service('s3', 'lonely')],
      tasks: [task('t1', 's1', 1, 10, 'failed'), task('t2', 's1', 1, 20, 'running'), task('t3', 's1', 2, 15, 'starting', 'n2'), task('t4', 's2', 1, 5, 'running')],
      nodes: [{ ID: 'n1', Description: { Hostname: 'here' }, Status: { State: 'ready' } }, { ID: 'n2', Description: { Hostname: 'there' }, Status: { State: 'down' } }],
      containerHealth: new Map([['c-t2', 'healthy' as const]]),
    });
    assert.deepEqual(model.stacks.map((s) => s.name), ['shop', undefined]);
    const [web, db] = [model.stacks[0].services.find((s) => s.name === 'web')!, model.stacks[0].services.find((s) => s.name === 'db')!];
    assert.equal(web.fullName, 'shop_web');
    assert.equal(web.replicas, 2);
    assert.deepEqual(web.tasks.map((t) => [t.name, t.state, t.health, t.nodeName, t.nodeState]), [
      ['shop_web.1', 'running', 'healthy', 'here', 'ready'],
      ['shop_web.2', 'starting', 'remote', 'there', 'down'],
    ]);
    // A task container here without a health status known: no healthcheck (or not inspected yet).
    assert.equal(db.tasks[0].health, 'none');
    assert.equal(model.stacks[1].services[0].name, 'lonely');
  });
  it('keeps one task per node for a global service (no slots)', () => {
    const global: TaskData[] = [
      { ...task('a', 'g', 0, 1, 'failed', 'n1'), Slot: undefined },
      { ...task('b', 'g', 0, 2, 'running', 'n1'), Slot: undefined },
      { ...task('c', 'g', 0, 3, 'running', 'n2'), Slot: undefined },
    ];
    assert.deepEqual(currentTasks(global).map((t) => t.ID).sort(), ['b', 'c']);
  });
});

describe('Swarm events → what to read again', () => {
  const labels = { 'com.docker.swarm.service.id': 's1', 'com.docker.swarm.task.id': 't1', 'com.docker.stack.namespace': 'shop' };
  it('maps service, node and task-container events (attributes as Engine 26.1.5 sends them)', () => {
    assert.deepEqual(swarmChangeOf({ Type: 'service', Action: 'update', Actor: { ID: 's1', Attributes: { name: 'shop_web', 'replicas.new': '2', 'replicas.old': '1' } } }), { kind: 'service', serviceId: 's1', removed: false });
    assert.deepEqual(swarmChangeOf({ Type: 'service', Action: 'remove', Actor: { ID: 's1' } }), { kind: 'service', serviceId: 's1', removed: true });
    assert.deepEqual(swarmChangeOf({ Type: 'node', Action: 'update', Actor: { ID: 'n2' } }), { kind: 'nodes' });
    assert.deepEqual(swarmChangeOf({ Type: 'container', Action: 'health_status: healthy', Actor: { ID: 'c1', Attributes: labels } }), { kind: 'health', serviceId: 's1', taskId: 't1', containerId: 'c1', health: 'healthy', expect: 'running' });
    assert.deepEqual(swarmChangeOf({ Type: 'container', Action: 'die', Actor: { ID: 'c1', Attributes: labels } }), { kind: 'tasks', serviceId: 's1', taskId: 't1', expect: 'ended' });
  });
  it('knows when a task\'s recorded state has caught up with its container\'s event', () => {
    assert.equal(taskSettled('starting', 'running'), false);
    assert.equal(taskSettled('running', 'running'), true);
    assert.equal(taskSettled('running', 'ended'), false);
    assert.equal(taskSettled('failed', 'ended'), true);
    assert.equal(taskSettled('some-future-state', 'running'), true);
  });
  it('ignores containers that are not tasks, and probe execs of task containers', () => {
    assert.equal(swarmChangeOf({ Type: 'container', Action: 'start', Actor: { ID: 'c1', Attributes: { 'com.docker.compose.project': 'x' } } }), undefined);
    assert.equal(swarmChangeOf({ Type: 'container', Action: 'exec_start: /bin/sh -c test -d /proc/1', Actor: { ID: 'c1', Attributes: labels } }), undefined);
    assert.equal(swarmChangeOf({ Type: 'network', Action: 'connect', Actor: { ID: 'x' } }), undefined);
  });
});

describe('stacks of a compose file', () => {
  const model = buildSwarmModel({
    localNodeId: 'n1',
    services: [service('1', 'shop_web', 'shop'), service('2', 'shop_db', 'shop'), service('3', 'blog_web', 'blog'), service('4', 'blog_cms', 'blog'), service('5', 'half_web', 'half')],
    tasks: [],
    nodes: [],
    containerHealth: new Map(),
  });
  it('finds the stacks whose every service is in the file, the fullest first', () => {
    assert.deepEqual(stacksOfFile(['web', 'db'], model).map((s) => s.name), ['shop', 'half']);
    assert.deepEqual(stacksOfFile(['cms'], model), []);
  });
});

describe("a compose file's service deployed as a stack, seen from one manager (stackServiceTasks)", () => {
  const model = buildSwarmModel({
    localNodeId: 'n1',
    services: [service('s1', 'shop_web', 'shop', 4), service('s2', 'shop_db', 'shop'), service('s3', 'shop_cache', 'shop')],
    tasks: [
      task('t1', 's1', 1, 10, 'running'),
      task('t2', 's1', 2, 10, 'running', 'n2'),
      task('t3', 's1', 3, 10, 'starting'),
      { ...task('t4', 's1', 4, 10, 'pending'), NodeID: undefined, Status: { State: 'pending' } },
      // Replaced in slot 1 earlier: swarmkit keeps it as the slot's history, it is not the service's any more.
      task('t0', 's1', 1, 5, 'shutdown'),
      task('t5', 's2', 1, 10, 'running', 'n3'),
      // A slot's new task held back by swarmkit (desired `ready`), here rejected by this node's engine.
      { ...task('t6', 's3', 1, 10, 'rejected'), DesiredState: 'ready', Status: { State: 'rejected', Err: 'No such image: app:2' } },
    ],
    nodes: [
      { ID: 'n1', Description: { Hostname: 'here' }, Status: { State: 'ready' } },
      { ID: 'n2', Description: { Hostname: 'there' }, Status: { State: 'ready' } },
      { ID: 'n3', Description: { Hostname: 'gone' }, Status: { State: 'down' } },
    ],
    containerHealth: new Map([['c-t1', 'healthy' as const]]),
  });
  const stacks = stacksOfFile(['web', 'db', 'cache'], model);

  it('the running task containers on this node are members, listed as the engine would list them', () => {
    const web = stackServiceTasks(model, stacks, 'web')!;
    assert.deepEqual(web.stacks, ['shop']);
    assert.deepEqual(
      web.local.map((l) => [l.container, l.task.health]),
      [[{ id: 'c-t1', name: 'shop_web.1.t1', state: 'running', labels: { 'com.docker.stack.namespace': 'shop', 'com.docker.swarm.service.name': 'shop_web', 'com.docker.swarm.task.id': 't1' } }, 'healthy']],
    );
  });

  it('says which tasks run on other nodes (and a node that is down), and which are still on their way here', () => {
    const web = stackServiceTasks(model, stacks, 'web')!;
    assert.deepEqual(web.elsewhere, [{ task: 'shop_web.2', node: 'there' }]);
    assert.deepEqual(web.pending, [
      { task: 'shop_web.3', state: 'starting' },
      { task: 'shop_web.4', state: 'pending' },
    ]);
    const db = stackServiceTasks(model, stacks, 'db')!;
    assert.deepEqual([db.local, db.elsewhere], [[], [{ task: 'shop_db.1', node: 'gone (down)' }]]);
    assert.deepEqual(stackServiceTasks(model, stacks, 'cache')!.pending, [{ task: 'shop_cache.1', state: 'rejected', error: 'No such image: app:2' }]);
  });

  it('is undefined for a service no matched stack deploys', () => {
    assert.equal(stackServiceTasks(model, stacks, 'queue'), undefined);
    assert.equal(stackServiceTasks(model, [], 'web'), undefined);
  });
});
