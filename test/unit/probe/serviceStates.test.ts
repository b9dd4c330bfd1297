import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import { ServiceInspector } from '../../../src/core/probe/serviceStates';
import type { LabelledContainer } from '../../../src/core/engine/types';
import { buildSwarmModel } from '../../../src/core/swarm/model';
import type { SwarmModel } from '../../../src/core/swarm/types';
import { container, FakeEngine } from './fakeEngine';

const yaml = `services:
  web:
    image: app
    healthcheck:
      test: ["CMD", "true"]
  worker:
    image: app
    healthcheck:
      interval: 5s
  plain:
    image: app
`;
const labels = (service: string): Record<string, string> => ({
  'com.docker.compose.project': 'shop',
  'com.docker.compose.service': service,
  'com.docker.compose.project.config_files': '/src/shop/compose.yaml',
});

describe('inspecting the services of a compose file', () => {
  it('reports each checked service: running containers with plan and drift, stopped ones apart', async () => {
    const engine = new FakeEngine();
    engine.summaries = [
      { id: 'w1', name: 'shop-web-1', state: 'running', labels: labels('web') },
      { id: 'k1', name: 'shop-worker-1', state: 'exited', labels: labels('worker') },
    ];
    engine.containers.set('w1', container('w1', { healthcheck: { test: ['CMD', 'false'] } }));
    engine.images.set('sha256:img', { test: ['CMD-SHELL', 'run-check'] });
    const state = await new ServiceInspector(engine).inspect('/src/shop/compose.yaml', loadCompose(yaml));
    assert.ok(state.ok);
    assert.deepEqual([...state.services.keys()].sort(), ['web', 'worker']);
    const web = state.services.get('web')!;
    assert.deepEqual(web.running[0].drift.map((d) => d.field), ['test']);
    assert.ok(web.running[0].plan.ok && web.running[0].plan.plan.argv[0] === 'true');
    const worker = state.services.get('worker')!;
    assert.deepEqual([worker.check.kind, worker.running.length, worker.stopped.map((s) => s.name)], ['image-command', 0, ['shop-worker-1']]);
  });

  it("inspects an image's HEALTHCHECK once (an image id names immutable content)", async () => {
    const engine = new FakeEngine();
    engine.summaries = [{ id: 'w1', name: 'shop-web-1', state: 'running', labels: labels('web') }];
    engine.containers.set('w1', container('w1'));
    engine.images.set('sha256:img', undefined);
    const inspector = new ServiceInspector(engine);
    await inspector.inspect('/src/shop/compose.yaml', loadCompose(yaml));
    await inspector.inspect('/src/shop/compose.yaml', loadCompose(yaml));
    assert.equal(engine.imageInspections, 1);
  });

  it('an unreachable engine yields a message with what to do', async () => {
    const engine = new FakeEngine();
    engine.unreachable = new Error('connect ENOENT /var/run/docker.sock');
    const state = await new ServiceInspector(engine).inspect('/src/shop/compose.yaml', loadCompose(yaml));
    assert.deepEqual(state, {
      ok: false,
      message: 'Docker is not reachable (connect ENOENT /var/run/docker.sock). Start Docker, or set composeHealth.docker.host, then try again.',
    });
  });

  it('names a container Compose made from this file, so a service with none joins that project (-p shop)', async () => {
    const engine = new FakeEngine();
    engine.summaries = [
      { id: 'w1', name: 'shop-web-1', state: 'running', labels: labels('web') },
      { id: 'o1', name: 'other-web-1', state: 'running', labels: { ...labels('web'), 'com.docker.compose.project': 'other', 'com.docker.compose.project.config_files': '/src/other/compose.yaml' } },
    ];
    engine.containers.set('w1', container('w1'));
    engine.images.set('sha256:img', undefined);
    const state = await new ServiceInspector(engine).inspect('/src/shop/compose.yaml', loadCompose(yaml));
    assert.ok(state.ok);
    assert.equal(state.projectMember?.name, 'shop-web-1');
    assert.deepEqual(state.services.get('worker')!.stopped, [], 'worker has no container of its own');
    const elsewhere = await new ServiceInspector(engine).inspect('/src/nothing/compose.yaml', loadCompose(yaml));
    assert.ok(elsewhere.ok);
    assert.equal(elsewhere.projectMember, undefined, 'no container was made from that file');
  });

  describe('from the containers a live source lists (the lenses)', () => {
    const inspectShop = (inspector: ServiceInspector, known: LabelledContainer[]) => inspector.inspect('/src/shop/compose.yaml', loadCompose(yaml), undefined, known);

    it('lists nothing and inspects each running container once, however often it redraws', async () => {
      const engine = new FakeEngine();
      const known: LabelledContainer[] = [
        { id: 'w1', name: 'shop-web-1', state: 'running', labels: labels('web') },
        { id: 'k1', name: 'shop-worker-1', state: 'exited', labels: labels('worker') },
      ];
      engine.containers.set('w1', container('w1', { healthcheck: { test: ['CMD', 'false'] } }));
      engine.images.set('sha256:img', undefined);
      const inspector = new ServiceInspector(engine);
      for (let i = 0; i < 3; i++) {
        const state = await inspectShop(inspector, known);
        assert.ok(state.ok);
        assert.deepEqual(state.services.get('web')!.running.map((r) => [r.container.id, r.drift.map((d) => d.field)]), [['w1', ['test']]]);
        assert.deepEqual(state.services.get('worker')!.stopped.map((c) => c.name), ['shop-worker-1']);
        assert.deepEqual(state.projects, ['shop']);
      }
      assert.deepEqual([engine.lists, engine.containerInspections, engine.imageInspections], [0, 1, 1]);
    });

    it('inspects a container it has not seen (created or recreated) and forgets one no longer listed', async () => {
      const engine = new FakeEngine();
      engine.containers.set('w1', container('w1'));
      engine.containers.set('w2', container('w2'));
      engine.images.set('sha256:img', undefined);
      const inspector = new ServiceInspector(engine);
      const w1 = { id: 'w1', name: 'shop-web-1', state: 'running', labels: labels('web') };
      const w2 = { id: 'w2', name: 'shop-web-1', state: 'running', labels: labels('web') };
      await inspectShop(inspector, [w1]);
      const recreated = await inspectShop(inspector, [w2]);
      assert.ok(recreated.ok);
      assert.deepEqual(recreated.services.get('web')!.running.map((r) => r.container.id), ['w2']);
      assert.equal(engine.containerInspections, 2);
      // w1 was dropped when it left the list: were it listed again it would be asked for again.
      await inspectShop(inspector, [w1, w2]);
      assert.equal(engine.containerInspections, 3);
    });

    it("takes a reused inspect's name and running state from the list (a rename, a pause since are the list's)", async () => {
      const engine = new FakeEngine();
      engine.containers.set('w1', container('w1', { name: 'shop-web-1' }));
      engine.images.set('sha256:img', undefined);
      const inspector = new ServiceInspector(engine);
      await inspectShop(inspector, [{ id: 'w1', name: 'shop-web-1', state: 'running', labels: labels('web') }]);
      const renamed = await inspectShop(inspector, [{ id: 'w1', name: 'renamed', state: 'running', labels: labels('web') }]);
      assert.ok(renamed.ok);
      assert.equal(renamed.services.get('web')!.running[0].container.name, 'renamed');
      const paused = await inspectShop(inspector, [{ id: 'w1', name: 'renamed', state: 'paused', labels: labels('web') }]);
      assert.ok(paused.ok);
      assert.deepEqual([paused.services.get('web')!.running.length, paused.services.get('web')!.stopped.map((c) => c.state)], [0, ['paused']]);
      assert.equal(engine.containerInspections, 1);
    });

    it('asks again after an inspect failed, and a command (no list given) always asks the engine', async () => {
      const engine = new FakeEngine();
      engine.images.set('sha256:img', undefined);
      const inspector = new ServiceInspector(engine);
      const known = [{ id: 'w1', name: 'shop-web-1', state: 'running', labels: labels('web') }];
      const gone = await inspectShop(inspector, known);
      assert.ok(gone.ok);
      assert.equal(gone.services.get('web')!.running.length, 0, 'removed between the list and the inspect');
      engine.containers.set('w1', container('w1'));
      engine.summaries = known;
      await inspectShop(inspector, known);
      await inspector.inspect('/src/shop/compose.yaml', loadCompose(yaml));
      await inspector.inspect('/src/shop/compose.yaml', loadCompose(yaml));
      assert.deepEqual([engine.containerInspections, engine.lists], [4, 2]);
    });
  });

  describe('a file deployed as a Swarm stack on the engine (its task containers are the members)', () => {
    const inspectShop = (inspector: ServiceInspector, known: LabelledContainer[]) => inspector.inspect('/src/shop/compose.yaml', loadCompose(yaml), undefined, known);
    const swarmModel = (containerId = 'task-c1'): SwarmModel =>
      buildSwarmModel({
        localNodeId: 'n1',
        services: [{ ID: 's1', Spec: { Name: 'shop_web', Labels: { 'com.docker.stack.namespace': 'shop' }, Mode: { Replicated: { Replicas: 2 } } } }],
        tasks: [
          { ID: 't1', ServiceID: 's1', NodeID: 'n1', Slot: 1, DesiredState: 'running', Status: { State: 'running', ContainerStatus: { ContainerID: containerId } } },
          { ID: 't2', ServiceID: 's1', NodeID: 'n2', Slot: 2, DesiredState: 'running', Status: { State: 'running', ContainerStatus: { ContainerID: 'elsewhere' } } },
        ],
        nodes: [{ ID: 'n1', Description: { Hostname: 'here' } }, { ID: 'n2', Description: { Hostname: 'there' } }],
        containerHealth: new Map([[containerId, 'healthy' as const]]),
      });

    it("inspects and plans this node's task container like a Compose container, and says where the other task runs", async () => {
      const engine = new FakeEngine();
      engine.containers.set('task-c1', container('task-c1', { name: 'shop_web.1.t1', healthcheck: { test: ['CMD', 'true'] } }));
      engine.images.set('sha256:img', undefined);
      const state = await new ServiceInspector(engine, () => swarmModel()).inspect('/src/shop/compose.yaml', loadCompose(yaml));
      assert.ok(state.ok);
      const web = state.services.get('web')!;
      assert.deepEqual(web.running.map((r) => [r.container.name, r.task?.name, r.drift.length, r.plan.ok && r.plan.plan.argv]), [['shop_web.1.t1', 'shop_web.1', 0, ['true']]]);
      assert.deepEqual(web.stack, { stacks: ['shop'], pending: [], elsewhere: [{ task: 'shop_web.2', node: 'there' }] });
      assert.equal(state.services.get('worker')!.stack, undefined, 'the stack has no worker service');
      assert.equal(engine.containerInspections, 1, 'the container on the other node is not inspected here');
    });

    it('a redraw from a live list inspects each task container once, and a new task container once more', async () => {
      const engine = new FakeEngine();
      engine.containers.set('task-c1', container('task-c1'));
      engine.containers.set('task-c2', container('task-c2'));
      engine.images.set('sha256:img', undefined);
      let model = swarmModel();
      const inspector = new ServiceInspector(engine, () => model);
      // The health store lists Compose containers only: none here.
      for (let i = 0; i < 3; i++) await inspectShop(inspector, []);
      model = swarmModel('task-c2');
      const replaced = await inspectShop(inspector, []);
      assert.ok(replaced.ok);
      assert.deepEqual(replaced.services.get('web')!.running.map((r) => r.container.id), ['task-c2']);
      assert.deepEqual([engine.lists, engine.containerInspections], [0, 2]);
    });

    it('a service with a Compose container on the engine is that container\'s, not the stack\'s', async () => {
      const engine = new FakeEngine();
      engine.containers.set('w1', container('w1'));
      engine.images.set('sha256:img', undefined);
      const state = await new ServiceInspector(engine, () => swarmModel()).inspect('/src/shop/compose.yaml', loadCompose(yaml), undefined, [
        { id: 'w1', name: 'shop-web-1', state: 'running', labels: labels('web') },
      ]);
      assert.ok(state.ok);
      const web = state.services.get('web')!;
      assert.deepEqual([web.running.map((r) => r.container.id), web.stack], [['w1'], undefined]);
    });

    it('a stack whose services are not all in the file is not this file\'s', async () => {
      const engine = new FakeEngine();
      const other = swarmModel();
      other.stacks[0].services.push({ ...other.stacks[0].services[0], id: 's9', fullName: 'shop_cms', name: 'cms' });
      const state = await new ServiceInspector(engine, () => other).inspect('/src/shop/compose.yaml', loadCompose(yaml));
      assert.ok(state.ok);
      assert.deepEqual([state.services.get('web')!.running, state.services.get('web')!.stack], [[], undefined]);
    });
  });
});
