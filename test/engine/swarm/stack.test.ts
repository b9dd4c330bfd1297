import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { analyzeCompose } from '../../../src/core/compose/analyze';
import { lintText } from '../../../src/core/lint';
import type { SwarmApi } from '../../../src/core/swarm/api';
import type { RawSwarmEvent } from '../../../src/core/swarm/events';
import { SwarmMonitor } from '../../../src/core/swarm/monitor';
import { stacksOfFile } from '../../../src/core/swarm/stackOfFile';
import type { SwarmModel, SwarmService } from '../../../src/core/swarm/types';
import { IMAGE } from '../health/support';
import { PrivateSwarm, modelWhere } from './support';

// `version` for the docker CLI 20.10 that a stock Debian 12 has: its stack loader refuses a file without
// one ("unsupported Compose file version: 1.0"); newer CLIs accept both.
const STACK_FILE = `version: "3.8"
services:
  web:
    image: ${IMAGE}
    command: ["sleep", "3600"]
    container_name: not-used-in-swarm
    restart: always
    depends_on: [db]
    healthcheck:
      test: ["CMD-SHELL", "test -d /proc/1"]
      interval: 1s
      timeout: 2s
      retries: 3
    deploy:
      update_config:
        monitor: 1s
  db:
    image: ${IMAGE}
    command: ["sleep", "3600"]
`;

/** The Swarm API, recording each event it hands on: which event types reached the monitor. */
function recording(api: SwarmApi, events: RawSwarmEvent[]): SwarmApi {
  return {
    listServices: () => api.listServices(),
    listTasks: (id) => api.listTasks(id),
    listNodes: () => api.listNodes(),
    watchSwarmEvents: (listener) =>
      api.watchSwarmEvents({
        onEvent: (event) => {
          events.push(event);
          listener.onEvent(event);
        },
        onEnd: (error) => listener.onEnd(error),
      }),
  };
}

describe('(engine) a Swarm stack with a healthcheck on a single-node swarm', function () {
  this.timeout(180_000);
  let swarm: PrivateSwarm;
  const stack = `chswarm${randomBytes(3).toString('hex')}`;
  const events: RawSwarmEvent[] = [];
  let monitor: SwarmMonitor;
  let file: string;
  let deployOutput: string;

  const service = (model: SwarmModel, name: string): SwarmService | undefined => model.stacks.find((s) => s.name === stack)?.services.find((s) => s.name === name);
  const healthyTasks = (model: SwarmModel, name: string): number => service(model, name)?.tasks.filter((t) => t.state === 'running' && t.health === 'healthy').length ?? 0;

  before(async () => {
    swarm = new PrivateSwarm('chswarm-dockerd', 'chswarm0', '10.214.30.1/24', '10.216.0.0/16');
    await swarm.start();
    file = swarm.writeFile('stack.yml', STACK_FILE);
    const { engine, swarm: api } = swarm.clients();
    monitor = new SwarmMonitor(recording(api, events), engine);
    assert.equal((await monitor.start()).kind, 'active');
    deployOutput = swarm.deploy(stack, file);
  });

  after(async () => {
    monitor?.dispose();
    await swarm?.dispose();
  });

  it('docker stack deploy prints the notes the stack-* diagnostics quote, and they report the same keys', () => {
    assert.match(deployOutput, /Ignoring unsupported options: restart/);
    assert.match(deployOutput, /container_name: Setting the container name is not supported\./);
    const codes = lintText(readFileSync(file, 'utf8'), { stack: true }).map((f) => f.code);
    for (const code of ['stack-ignores-restart', 'stack-ignores-container-name', 'stack-ignores-depends-on', 'stack-update-monitor-too-short']) assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
  });

  it('lists the stack, its services and the task, healthy, from the engine and its events', async () => {
    const model = await modelWhere(monitor, `a healthy task of ${stack}_web`, (m) => healthyTasks(m, 'web') === 1);
    const web = service(model, 'web')!;
    assert.equal(web.fullName, `${stack}_web`);
    assert.equal(web.replicas, 1);
    assert.equal(web.tasks[0].nodeId, model.localNodeId);
    assert.equal(web.tasks[0].desiredState, 'running');
    assert.ok(web.tasks[0].containerId);
    // db has no healthcheck: its task runs, with no health to show.
    const db = await modelWhere(monitor, `a running task of ${stack}_db`, (m) => service(m, 'db')?.tasks[0]?.state === 'running');
    assert.equal(service(db, 'db')!.tasks[0].health, 'none');
    assert.ok(events.some((e) => e.Type === 'container' && e.Action === 'health_status: healthy'), 'a health_status event reached the monitor');
  });

  it('follows a scale through the service event: two healthy tasks', async () => {
    const before = events.length;
    const web = service(monitor.model(), 'web')!;
    const handle = swarm.docker.getService(web.id);
    const current = (await handle.inspect()) as { Version: { Index: number }; Spec: Record<string, unknown> };
    await handle.update({ ...current.Spec, version: current.Version.Index, Mode: { Replicated: { Replicas: 2 } } });
    const model = await modelWhere(monitor, 'two healthy web tasks', (m) => healthyTasks(m, 'web') === 2);
    assert.equal(service(model, 'web')!.replicas, 2);
    const serviceEvent = events.slice(before).find((e) => e.Type === 'service' && e.Actor?.ID === web.id);
    assert.ok(serviceEvent, 'a service event for the scale');
    assert.equal(serviceEvent.Actor?.Attributes?.['replicas.new'], '2');
  });

  it('finds the task containers of the compose file\'s service on this node, by their labels', async () => {
    const analysis = analyzeCompose(readFileSync(file, 'utf8'), { fileName: file });
    const [match] = stacksOfFile(analysis.services.map((s) => s.name), monitor.model());
    assert.equal(match?.name, stack);
    const { engine } = swarm.clients();
    const containers = await engine.listContainers([`com.docker.stack.namespace=${stack}`, `com.docker.swarm.service.name=${stack}_web`]);
    assert.equal(containers.length, 2);
    for (const container of containers) {
      assert.equal(container.labels['com.docker.stack.namespace'], stack);
      assert.ok(container.labels['com.docker.swarm.task.id']);
      assert.equal((await engine.inspectContainer(container.id)).health?.status, 'healthy');
    }
  });

  it('drops the stack when it is removed (service remove events)', async () => {
    for (const s of monitor.model().stacks.find((x) => x.name === stack)!.services) await swarm.docker.getService(s.id).remove();
    await modelWhere(monitor, 'no stack', (m) => !m.stacks.some((s) => s.name === stack));
  });
});
