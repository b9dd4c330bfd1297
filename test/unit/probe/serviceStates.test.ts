import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import { ServiceInspector } from '../../../src/core/probe/serviceStates';
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
      message: 'Docker is not reachable (connect ENOENT /var/run/docker.sock). Start Docker, or point DOCKER_HOST at the engine, then try again.',
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
});
