import * as assert from 'node:assert/strict';
import { parseContainerSummary } from '../../../src/core/engine/parse';
import { RecordingStore, createComposeContainer, dockerAt, exec, removeProject, onlyEngine, until, watch, watchConnected, type Watcher } from '../health/support';
import { PODMAN_HOST, podmanHealthcheckRun, uniquePodmanProject } from './support';

// The tree on Podman 4.3: its health events carry the status in a `HealthStatus` field, its event
// filter cannot match a label by key alone, its container list carries no health. Health is driven by
// `podman healthcheck run`, since Podman schedules checks only through systemd timers.
describe('(engine, Podman) the health store follows a Compose project through Podman events', function () {
  const docker = dockerAt(PODMAN_HOST);
  const project = uniquePodmanProject('life');
  const webName = `${project}-web-1`;
  let watcher: Watcher;
  let store: RecordingStore;

  before(async () => {
    store = new RecordingStore();
    watcher = await watchConnected(PODMAN_HOST, store);
  });

  after(async () => {
    watcher?.dispose();
    await removeProject(docker, project);
  });

  it('knows it talks to Podman, from /version', () => {
    const engine = onlyEngine(store.state);
    assert.equal(engine.kind === 'connected' && engine.version.flavor, 'podman');
  });

  it('goes starting → healthy → unhealthy as Podman probes, with one list call in all', async () => {
    // The check prints the file's content, so the probe log shows what each probe said.
    const web = await createComposeContainer(docker, { project, service: 'web', cmd: ['sleep', '3600'], healthcheck: { test: ['CMD-SHELL', 'cat /tmp/ok'], intervalMs: 60_000, retries: 1 } });
    const worker = await createComposeContainer(docker, { project, service: 'worker', cmd: ['sleep', '3600'] });
    await Promise.all([web.start(), worker.start()]);
    const health = () => store.service(project, 'web')?.containers[0]?.record.health;

    // `starting` comes from the inspect made on start (Podman emits no health event then).
    await until(store, () => health() === 'starting', 'web starting');
    await exec(web, ['sh', '-c', 'echo ready > /tmp/ok']);
    assert.equal(await podmanHealthcheckRun(webName), 0);
    await until(store, () => health() === 'healthy', 'web healthy');
    await exec(web, ['rm', '/tmp/ok']);
    assert.equal(await podmanHealthcheckRun(webName), 1);
    await until(store, () => health() === 'unhealthy', 'web unhealthy');

    // Podman 4.3.1 writes `health_status` when a probe starts, with the status from before it, so the
    // new status comes from the inspect made when the probe's exec has died.
    const steps = store.steps(webName);
    assert.deepEqual(
      steps.filter((s) => /\/(starting|healthy|unhealthy)$/.test(s)).slice(-2),
      ['details:running/healthy', 'details:running/unhealthy'],
      steps.join(' → '),
    );
    assert.match(steps.find((s) => s.endsWith('/starting')) ?? '', /running\/starting$/, steps.join(' → '));
    assert.equal(store.service(project, 'worker')?.description, 'running · no healthcheck');
    assert.equal(watcher.client()?.counts.list, 1, 'no list call after the one at connect');
    assert.equal(watcher.client()?.counts.events, 1, 'one events stream');
  });

  it("the tooltip's probe log and failing streak come from Podman's inspect", async () => {
    const id = store.service(project, 'web')!.containers[0].record.id;
    await until(store, () => store.container(id)?.details?.probeLog.at(-1)?.exitCode === 1, 'the failed probe in the log');
    const details = store.container(id)!.details!;
    assert.equal(details.failingStreak, 1);
    // Podman records stdout without its final newline, and 1 for any failing exit (libpod/healthcheck.go).
    assert.deepEqual(
      details.probeLog.map((p) => [p.exitCode, p.output]),
      [[0, 'ready'], [1, "cat: can't open '/tmp/ok': No such file or directory"]],
    );
    assert.deepEqual(details.healthcheck?.test, ['CMD-SHELL', 'cat /tmp/ok']);
  });

  it('a stopped service shows exited with its code, and removed containers leave the store (Podman calls them died and remove)', async () => {
    await docker.getContainer(`${project}-worker-1`).kill();
    await until(store, () => store.service(project, 'worker')?.status === 'exited', 'worker exited');
    assert.equal(store.service(project, 'worker')?.description, 'exited (137)');
    await removeProject(docker, project);
    await until(store, () => !store.projects().some((p) => p.name === project), 'the project to vanish');
    assert.equal(watcher.client()?.counts.list, 1);
  });
});

describe('(engine, Podman) health the list does not carry is completed by inspect', function () {
  const docker = dockerAt(PODMAN_HOST);
  const project = uniquePodmanProject('list');
  let watcher: Watcher | undefined;

  after(async () => {
    watcher?.dispose();
    await removeProject(docker, project);
  });

  it('a container already healthy before the tree connects is shown healthy, and a refresh inspects only containers with a healthcheck', async () => {
    const web = await createComposeContainer(docker, { project, service: 'web', cmd: ['sleep', '3600'], healthcheck: { test: ['CMD', 'true'], intervalMs: 60_000 } });
    const plain = await createComposeContainer(docker, { project, service: 'plain', cmd: ['sleep', '3600'] });
    await Promise.all([web.start(), plain.start()]);
    assert.equal(await podmanHealthcheckRun(`${project}-web-1`), 0);

    // What the list says: nothing about health (no "(healthy)" in the status text, no Health field).
    const listed = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
    const web1 = listed.find((c) => c.Names[0] === `/${project}-web-1`)!;
    assert.doesNotMatch(web1.Status, /healthy/);
    assert.equal(parseContainerSummary(web1)?.health, 'none');

    const store = new RecordingStore();
    watcher = watch(PODMAN_HOST, store);
    watcher.monitor.start();
    const health = () => store.service(project, 'web')?.containers[0]?.record.health;
    await until(store, () => health() === 'healthy', 'web healthy');
    assert.equal(store.steps(`${project}-web-1`).find((s) => s.endsWith('/healthy')), 'details:running/healthy', 'from the inspect after the list');
    await until(store, () => store.service(project, 'plain')?.containers[0]?.record.details !== undefined, 'plain inspected once');

    // A container's healthcheck is fixed at create: a refresh need not inspect `plain` again.
    const client = watcher.client()!;
    const inspectsBefore = client.counts.inspect;
    const stepsBefore = store.steps(`${project}-web-1`).length;
    const inspected: string[] = [];
    const original = client.inspectComposeContainer.bind(client);
    client.inspectComposeContainer = (id: string) => {
      inspected.push(id);
      return original(id);
    };
    await watcher.monitor.refresh();
    assert.deepEqual(inspected, [web.id], 'only the container with a healthcheck');
    assert.equal(client.counts.inspect, inspectsBefore + 1);
    // Its health is kept through the refresh rather than flashing to "none" until the inspect answers.
    const after = store.steps(`${project}-web-1`).slice(stepsBefore);
    assert.ok(!after.some((s) => s.endsWith('/none')), after.join(' → '));
    await until(store, () => health() === 'healthy', 'web still healthy');
  });
});
