import * as assert from 'node:assert/strict';
import type { InspectedContainer } from '../../../src/core/engine/types';
import type { SwarmApi, SwarmEventListener } from '../../../src/core/swarm/api';
import { SwarmMonitor } from '../../../src/core/swarm/monitor';
import type { SwarmModel, TaskData } from '../../../src/core/swarm/types';

/** A manager node's Swarm API in memory: the test sets what the lists answer and sends events. */
class FakeSwarm implements SwarmApi {
  listener: SwarmEventListener | undefined;
  taskState = 'starting';
  taskReads = 0;
  listServices = async () => [{ ID: 's1', Spec: { Name: 'shop_web', Labels: { 'com.docker.stack.namespace': 'shop' } } }];
  listNodes = async () => [{ ID: 'n1', Status: { State: 'ready' } }];
  listTasks = async (): Promise<TaskData[]> => {
    this.taskReads++;
    return [{ ID: 't1', ServiceID: 's1', NodeID: 'n1', Slot: 1, DesiredState: 'running', Status: { State: this.taskState, ContainerStatus: { ContainerID: 'c1' } } }];
  };
  watchSwarmEvents = async (listener: SwarmEventListener) => {
    this.listener = listener;
    return { close: () => (this.listener = undefined) };
  };
}

/** The engine client's part the monitor uses: this node's swarm state and its containers. */
function engineClient(state = { localNodeState: 'active', nodeId: 'n1', manager: true }) {
  return {
    swarmState: async () => state,
    inspectContainer: async () => ({ health: { status: 'starting', failingStreak: 0, log: [] } }) as unknown as InspectedContainer,
  };
}
const web = (model: SwarmModel) => model.stacks[0]?.services[0]?.tasks[0];

function next(monitor: SwarmMonitor, predicate: (model: SwarmModel) => boolean): Promise<SwarmModel> {
  return new Promise((resolve) => {
    const subscription = monitor.onDidChange((model) => {
      if (!predicate(model)) return;
      subscription.dispose();
      resolve(model);
    });
  });
}

describe('SwarmMonitor', () => {
  it('reads the swarm once, then follows a health event; it reads the task again until its state catches up', async () => {
    const api = new FakeSwarm();
    const monitor = new SwarmMonitor(api, engineClient());
    assert.deepEqual(await monitor.start(), { kind: 'active', nodeId: 'n1' });
    assert.deepEqual([web(monitor.model())?.state, web(monitor.model())?.health], ['starting', 'starting']);
    const healthy = next(monitor, (m) => web(m)?.health === 'healthy');
    api.listener!.onEvent({ Type: 'container', Action: 'health_status: healthy', Actor: { ID: 'c1', Attributes: { 'com.docker.swarm.service.id': 's1', 'com.docker.swarm.task.id': 't1' } } });
    await healthy;
    // The manager records `running` after the event: the next read (after a short delay) sees it.
    const reads = api.taskReads;
    api.taskState = 'running';
    const running = await next(monitor, (m) => web(m)?.state === 'running');
    assert.equal(web(running)?.health, 'healthy');
    assert.ok(api.taskReads > reads);
    monitor.dispose();
  });
  it('says when the engine is not in a swarm, or is a worker that cannot list', async () => {
    const api = new FakeSwarm();
    assert.deepEqual(await new SwarmMonitor(api, engineClient({ localNodeState: 'inactive', nodeId: '', manager: false })).start(), { kind: 'inactive' });
    assert.deepEqual(await new SwarmMonitor(api, engineClient({ localNodeState: 'active', nodeId: 'n2', manager: false })).start(), { kind: 'worker', nodeId: 'n2' });
    assert.equal(api.listener, undefined, 'no events stream is opened where nothing can be listed');
  });
});
