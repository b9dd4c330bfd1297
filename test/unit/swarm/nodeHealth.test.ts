import * as assert from 'node:assert/strict';
import { EngineNotFoundError } from '../../../src/core/engine/errors';
import type { InspectedContainer } from '../../../src/core/engine/types';
import { buildSwarmModel } from '../../../src/core/swarm/model';
import { NodeTaskHealth, withNodeHealth } from '../../../src/core/swarm/nodeHealth';

/** A worker's engine whose inspect answers what the test says, counting the calls. */
function workerEngine(answer: () => Promise<string | undefined>) {
  const engine = {
    inspects: 0,
    inspectContainer: async () => {
      engine.inspects++;
      const status = await answer();
      return { health: status ? { status, failingStreak: 0, log: [] } : undefined } as unknown as InspectedContainer;
    },
  };
  return engine;
}

const changed = (node: NodeTaskHealth) => new Promise<void>((resolve) => {
  const s = node.onDidChange(() => {
    s.dispose();
    resolve();
  });
});

/** The manager n1's model: one task of shop_web on the worker n2. */
const managerModel = () =>
  buildSwarmModel({
    localNodeId: 'n1',
    services: [{ ID: 's1', Spec: { Name: 'shop_web', Labels: { 'com.docker.stack.namespace': 'shop' } } }],
    tasks: [{ ID: 't1', ServiceID: 's1', NodeID: 'n2', Slot: 1, DesiredState: 'running', Status: { State: 'running', ContainerStatus: { ContainerID: 'c1' } } }],
    nodes: [],
    containerHealth: new Map(),
  });
const taskOf = (model: ReturnType<typeof managerModel>) => model.stacks[0].services[0].tasks[0];

describe('NodeTaskHealth (a task on another node, seen through that node\'s engine)', () => {
  it('inspects a task container once when asked, then follows its health events', async () => {
    const engine = workerEngine(async () => 'starting');
    const node = new NodeTaskHealth('n2', engine);
    const nodes = new Map([['n2', node]]);
    const first = changed(node);
    assert.equal(taskOf(withNodeHealth(managerModel(), nodes)).health, 'remote', 'unknown until the inspect answers');
    await first;
    assert.deepEqual([taskOf(withNodeHealth(managerModel(), nodes)).health, taskOf(withNodeHealth(managerModel(), nodes)).healthFromNode], ['starting', true]);
    node.onEvent({ Type: 'container', Action: 'health_status: healthy', Actor: { ID: 'c1', Attributes: { 'com.docker.swarm.task.id': 't1' } } });
    assert.equal(taskOf(withNodeHealth(managerModel(), nodes)).health, 'healthy');
    assert.equal(engine.inspects, 1, 'an event, not another inspect');
  });

  it('leaves tasks of nodes no connected engine is as `remote`', () => {
    const node = new NodeTaskHealth('n3', workerEngine(async () => 'healthy'));
    assert.equal(taskOf(withNodeHealth(managerModel(), new Map([['n3', node]]))).health, 'remote');
  });

  it('an event that arrives while the inspect is on its way wins over the older answer', async () => {
    let release!: (status: string) => void;
    const node = new NodeTaskHealth('n2', workerEngine(() => new Promise((resolve) => (release = resolve))));
    assert.equal(node.of('c1'), undefined);
    node.onEvent({ Type: 'container', Action: 'health_status: unhealthy', Actor: { ID: 'c1' } });
    release('healthy');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(node.of('c1'), 'unhealthy');
  });

  it('a container gone before its inspect is not asked for again', async () => {
    const engine = workerEngine(async () => {
      throw new EngineNotFoundError('no such container');
    });
    const node = new NodeTaskHealth('n2', engine);
    assert.equal(node.of('c9'), undefined);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(node.of('c9'), undefined);
    assert.equal(engine.inspects, 1);
  });
});
