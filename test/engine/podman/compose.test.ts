import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IMAGE, RecordingStore, dockerAt, exec, until, watchConnected, type Watcher } from '../health/support';
import { PODMAN_HOST, composeCommand, composeOnPodman, podmanHealthcheckRun, uniquePodmanProject } from './support';

// A project brought up by Compose itself through Podman's socket, as a user with DOCKER_HOST pointing
// at Podman would: the labels are Compose's own, the network is created by Podman.
describe(`(engine, Podman) a project started with ${composeCommand().join(' ')} through the socket`, function () {
  this.timeout(120_000);
  const project = uniquePodmanProject('compose');
  const dir = mkdtempSync(path.join(os.tmpdir(), `${project}-`));
  let watcher: Watcher;
  let store: RecordingStore;

  before(async () => {
    writeFileSync(
      path.join(dir, 'compose.yaml'),
      `services:\n  web:\n    image: ${IMAGE}\n    command: ["sleep", "3600"]\n    healthcheck:\n      test: "cat /tmp/ok"\n      interval: 1m\n      timeout: 5s\n      retries: 1\n`,
    );
    store = new RecordingStore();
    watcher = await watchConnected(PODMAN_HOST, store);
  });

  after(async () => {
    watcher?.dispose();
    await composeOnPodman(['-p', project, 'down'], dir).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('appears in the tree from the events, turns healthy after a probe, and leaves with down', async () => {
    await composeOnPodman(['-p', project, 'up', '-d'], dir);
    await until(store, () => store.service(project, 'web')?.containers[0]?.record.state === 'running', 'web running');
    const record = store.service(project, 'web')!.containers[0].record;
    assert.equal(record.compose.workingDir, dir);
    await exec(dockerAt(PODMAN_HOST).getContainer(record.id), ['sh', '-c', 'echo ready > /tmp/ok']);
    assert.equal(await podmanHealthcheckRun(record.name), 0);
    await until(store, () => store.service(project, 'web')?.containers[0]?.record.health === 'healthy', 'web healthy');
    assert.equal(store.container(record.id)?.details?.probeLog.at(-1)?.output, 'ready');
    await composeOnPodman(['-p', project, 'down'], dir);
    await until(store, () => !store.projects().some((p) => p.name === project), 'the project to vanish');
    assert.equal(watcher.client()?.counts.list, 1, 'all from events after the first list');
  });
});
