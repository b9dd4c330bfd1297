import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SwarmMonitor } from '../../../src/core/swarm/monitor';
import { NodeTaskHealth, withNodeHealth } from '../../../src/core/swarm/nodeHealth';
import type { SwarmModel, SwarmTask } from '../../../src/core/swarm/types';
import { IMAGE, exec } from '../health/support';
import { PrivateSwarm, modelWhere } from './support';

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
        // Healthy while /tmp/ok exists: a test removes it to turn the task unhealthy on the worker.
        ContainerSpec: { Image: IMAGE, Command: ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'], Healthcheck: { Test: ['CMD-SHELL', 'test -f /tmp/ok'], Interval: 1e9, Timeout: 2e9, Retries: 2 } },
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

  it("fills in the task's health from the worker's own engine and follows it there, from that engine's events", async () => {
    const task = monitor.model().stacks.flatMap((s) => s.services).find((s) => s.fullName === name)!.tasks[0];
    const { engine: workerEngine } = worker.clients();
    const node = new NodeTaskHealth(workerId, workerEngine);
    // The worker's one events stream, as the extension's connection hands its Swarm events on.
    const stream = await workerEngine.watchEvents({ onEvent: () => undefined, onSwarmEvent: (event) => node.onEvent(event), onEnd: () => undefined });
    const nodes = new Map([[workerId, node]]);
    const healthOnWorker = () => withNodeHealth(monitor.model(), nodes).stacks.flatMap((s) => s.services).find((s) => s.fullName === name)?.tasks.find((t) => t.id === task.id);
    const changed = () => new Promise<void>((resolve) => {
      const subscription = node.onDidChange(() => {
        subscription.dispose();
        resolve();
      });
    });
    try {
      // Not known yet: asking inspects the container on the worker once.
      const first = changed();
      assert.equal(healthOnWorker()?.health, 'remote');
      await first;
      assert.deepEqual([healthOnWorker()?.health, healthOnWorker()?.healthFromNode], ['healthy', true]);
      // The check failing on the worker: its health_status event reaches the worker's stream only.
      const unhealthy = changed();
      await exec(worker.docker.getContainer(task.containerId!), ['rm', '/tmp/ok']);
      await unhealthy;
      assert.equal(healthOnWorker()?.health, 'unhealthy');
    } finally {
      stream.close();
      node.dispose();
    }
  });

  it('marks the node down when its engine stops (a node event)', async () => {
    await worker.dockerd.stop();
    const model = await modelWhere(monitor, 'the worker down', (m) => m.nodes.some((n) => n.id === workerId && n.state === 'down'));
    assert.equal(model.nodes.find((n) => n.id === model.localNodeId)?.state, 'ready');
  });
});
