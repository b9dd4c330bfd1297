import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SwarmMonitor } from '../../../src/core/swarm/monitor';
import type { SwarmModel, SwarmTask } from '../../../src/core/swarm/types';
import { IMAGE } from '../health/support';
import { PrivateSwarm } from './support';

const DEADLINE_MS = 60_000;

function modelWhere(monitor: SwarmMonitor, what: string, predicate: (model: SwarmModel) => boolean): Promise<SwarmModel> {
  if (predicate(monitor.model())) return Promise.resolve(monitor.model());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the Swarm model did not show ${what} within ${DEADLINE_MS} ms; last: ${JSON.stringify(monitor.model())}`));
    }, DEADLINE_MS);
    const subscription = monitor.onDidChange((model) => {
      if (!predicate(model)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(model);
    });
  });
}

/**
 * A second node on this machine: a second private dockerd joins the manager over loopback. Its tasks
 * can use the host network only: an overlay network needs a VXLAN device per node, and two nodes in one
 * network namespace collide ("error creating vxlan interface: file exists", seen on Engine 26.1.5), so
 * the service here runs with `--network host`.
 */
describe('(engine) a task on another Swarm node', function () {
  this.timeout(180_000);
  let manager: PrivateSwarm;
  let worker: PrivateSwarm;
  const name = `chswarmremote${randomBytes(3).toString('hex')}`;
  let monitor: SwarmMonitor;
  let workerId: string;

  before(async () => {
    manager = new PrivateSwarm('chswarm-manager', 'chswarm2', '10.214.32.1/24', '10.217.0.0/16');
    worker = new PrivateSwarm('chswarm-worker', 'chswarm3', '10.214.33.1/24', '10.217.0.0/16');
    await manager.start();
    await worker.join(manager, '127.0.0.2');
    workerId = ((await worker.docker.info()) as { Swarm: { NodeID: string } }).Swarm.NodeID;
    const { engine, swarm } = manager.clients();
    monitor = new SwarmMonitor(swarm, engine);
    await monitor.start();
    await manager.docker.createService({
      Name: name,
      TaskTemplate: {
        ContainerSpec: { Image: IMAGE, Command: ['sleep', '3600'], Healthcheck: { Test: ['CMD-SHELL', 'test -d /proc/1'], Interval: 1e9, Timeout: 2e9, Retries: 3 } },
        Placement: { Constraints: [`node.id==${workerId}`] },
        Networks: [{ Target: 'host' }],
      },
      Mode: { Replicated: { Replicas: 1 } },
    } as never);
  });

  after(async () => {
    monitor?.dispose();
    await worker?.dispose();
    await manager?.dispose();
  });

  it('shows the task on the other node as running there, its health not readable from this engine', async () => {
    const onWorker = (m: SwarmModel): SwarmTask | undefined => m.stacks.flatMap((s) => s.services).find((s) => s.fullName === name)?.tasks[0];
    const model = await modelWhere(monitor, 'the task running on the worker', (m) => onWorker(m)?.state === 'running');
    const task = onWorker(model)!;
    assert.equal(task.nodeId, workerId);
    assert.notEqual(task.nodeId, model.localNodeId);
    assert.equal(task.nodeState, 'ready');
    assert.equal(task.health, 'remote');
    // The manager's engine has no such container; the worker's engine has it, healthy.
    const { engine: managerEngine } = manager.clients();
    assert.deepEqual(await managerEngine.listContainers([`com.docker.swarm.task.id=${task.id}`]), []);
    const { engine: workerEngine } = worker.clients();
    const [container] = await workerEngine.listContainers([`com.docker.swarm.service.name=${name}`]);
    assert.equal(container?.id, task.containerId);
    assert.equal((await workerEngine.inspectContainer(container.id)).health?.status, 'healthy');
  });

  it('marks the node down when its engine stops (a node event)', async () => {
    await worker.dockerd.stop();
    const model = await modelWhere(monitor, 'the worker down', (m) => m.nodes.some((n) => n.id === workerId && n.state === 'down'));
    assert.equal(model.nodes.find((n) => n.id === model.localNodeId)?.state, 'ready');
  });
});
