import * as assert from 'node:assert/strict';
import { DOCKER_EVENTS_FILTER, EVENTS_FILTER } from '../../../src/core/engine/parse';
import { isSwarmEvent } from '../../../src/core/swarm/events';
import { buildSwarmModel } from '../../../src/core/swarm/model';
import { serviceDescription, serviceHasHealthcheck, serviceStatus, stackDescription, summarizeStacks, taskStatus, taskView } from '../../../src/core/swarm/select';
import { stacksInScope } from '../../../src/core/swarm/stackOfFile';
import type { Health } from '../../../src/core/engine/types';
import type { ServiceData, SwarmTask, TaskData } from '../../../src/core/swarm/types';

const task = (over: Partial<SwarmTask>): SwarmTask => ({ id: 't1', serviceId: 's1', name: 'shop_web.1', slot: 1, nodeId: 'n1', nodeName: 'here', nodeState: 'ready', desiredState: 'running', state: 'running', health: 'none', ...over });

function model(tasks: Array<Partial<TaskData> & { health?: Health }>, healthcheck = true, replicas = 1) {
  const services: ServiceData[] = [
    {
      ID: 's1',
      Spec: {
        Name: 'shop_web',
        Labels: { 'com.docker.stack.namespace': 'shop' },
        Mode: { Replicated: { Replicas: replicas } },
        TaskTemplate: { ContainerSpec: { Image: 'busybox', ...(healthcheck ? { Healthcheck: { Test: ['CMD-SHELL', 'true'] } } : {}) } },
      },
    },
  ];
  const data: TaskData[] = tasks.map((t, i) => ({ ID: `t${i}`, ServiceID: 's1', NodeID: 'n1', Slot: i + 1, DesiredState: 'running', Status: { State: 'running', ContainerStatus: { ContainerID: `c${i}` } }, ...t }));
  const health = new Map(tasks.flatMap((t, i) => (t.health ? [[`c${i}`, t.health] as const] : [])));
  return buildSwarmModel({ localNodeId: 'n1', services, tasks: data, nodes: [{ ID: 'n1', Description: { Hostname: 'here' }, Status: { State: 'ready' } }], containerHealth: health });
}

describe('Swarm rows (what the Services view shows of a stack)', () => {
  it('a task shows its container\'s health while it starts or runs, else its task state', () => {
    assert.equal(taskStatus(task({ health: 'healthy' })), 'healthy');
    // swarmkit keeps a task with a healthcheck `starting` until its container is first healthy.
    assert.equal(taskStatus(task({ state: 'starting', health: 'starting' })), 'starting');
    assert.equal(taskStatus(task({ state: 'starting', health: 'healthy' })), 'healthy');
    assert.equal(taskStatus(task({ health: 'remote' })), 'running');
    assert.equal(taskStatus(task({ state: 'preparing' })), 'created');
    assert.equal(taskStatus(task({ state: 'failed', desiredState: 'shutdown', health: 'unhealthy' })), 'exited');
  });

  it('a task\'s description gives state, health and node, and says when its health is seen only on its node', () => {
    assert.equal(taskView(task({ health: 'healthy' })).description, 'running · healthy · here');
    assert.equal(taskView(task({ health: 'remote', nodeName: 'there', nodeState: 'down' })).description, 'running · health seen on its node only · there (down)');
    assert.equal(taskView(task({ state: 'running', desiredState: 'shutdown' })).description, 'running → shutdown · here');
  });

  it('a service counts REPLICAS as docker service ls does and takes its most telling task', () => {
    const m = model([{ health: 'healthy' }, { health: 'unhealthy' }], true, 2);
    const web = m.stacks[0].services[0];
    assert.equal(serviceStatus(web), 'unhealthy');
    assert.equal(serviceDescription(web), '2/2 · unhealthy');
    assert.equal(stackDescription(m.stacks[0]), 'stack · 0/1 healthy');
    const starting = model([{ Status: { State: 'starting', ContainerStatus: { ContainerID: 'c0' } }, health: 'healthy' }]).stacks[0].services[0];
    assert.equal(serviceDescription(starting), '0/1 · healthy', 'healthy container, task not recorded running yet');
    const none = model([], true, 1).stacks[0].services[0];
    assert.equal(serviceDescription(none), '0/1 · no task');
  });

  it('a service has a healthcheck when its spec sets one (not NONE) or a task container reports health', () => {
    assert.equal(serviceHasHealthcheck(model([{}]).stacks[0].services[0]), true);
    assert.equal(serviceHasHealthcheck(model([{}], false).stacks[0].services[0]), false);
    assert.equal(serviceHasHealthcheck(model([{ health: 'starting' }], false).stacks[0].services[0]), true, "the image's HEALTHCHECK");
  });

  it('sums stack services with a healthcheck like Compose services', () => {
    assert.deepEqual(summarizeStacks(model([{ health: 'healthy' }]).stacks), { healthy: 1, unhealthy: 0, starting: 0, checked: 1 });
    assert.deepEqual(summarizeStacks(model([{}], false).stacks), { healthy: 0, unhealthy: 0, starting: 0, checked: 0 });
  });

  it('scope "workspace" keeps the stacks deployed from a workspace file (by service names)', () => {
    const m = model([{}]);
    assert.equal(stacksInScope(m, 'all', []).length, 1);
    assert.equal(stacksInScope(m, 'workspace', [{ services: [{ name: 'web' }, { name: 'db' }] }]).length, 1);
    assert.equal(stacksInScope(m, 'workspace', [{ services: [{ name: 'api' }] }]).length, 0);
  });
});

describe('one events stream per engine, Swarm included', () => {
  it("Docker's filter adds service and node events to the container events; Podman's stays the container one", () => {
    assert.deepEqual(DOCKER_EVENTS_FILTER.type, ['container', 'service', 'node']);
    for (const action of [...EVENTS_FILTER.event, 'update', 'remove']) assert.ok(DOCKER_EVENTS_FILTER.event.includes(action as never), action);
    assert.deepEqual(EVENTS_FILTER.type, ['container']);
  });

  it('hands on service and node events and task-container events to the Swarm view, not other containers', () => {
    assert.equal(isSwarmEvent({ Type: 'service', Action: 'update', Actor: { ID: 's1' } }), true);
    assert.equal(isSwarmEvent({ Type: 'node', Action: 'update', Actor: { ID: 'n1' } }), true);
    assert.equal(isSwarmEvent({ Type: 'container', Action: 'health_status: healthy', Actor: { ID: 'c1', Attributes: { 'com.docker.swarm.task.id': 't1' } } }), true);
    assert.equal(isSwarmEvent({ Type: 'container', Action: 'start', Actor: { ID: 'c2', Attributes: { 'com.docker.compose.project': 'p' } } }), false);
  });
});
