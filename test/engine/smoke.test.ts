import * as assert from 'node:assert/strict';
import { awaitEvent, BUSYBOX_IMAGE, docker, removeContainers, uniqueName } from './support';

describe('engine smoke (real Docker Engine)', () => {
  const created: string[] = [];
  after(() => removeContainers(...created));

  it('a container with a passing healthcheck becomes healthy and the engine emits health_status: healthy', async () => {
    const container = await docker.createContainer({
      name: uniqueName('chinfra-smoke'),
      Image: BUSYBOX_IMAGE,
      Cmd: ['sh', '-c', 'echo ok > /www/health && exec httpd -f -p 8080 -h /www'],
      Healthcheck: {
        Test: ['CMD-SHELL', 'wget -q -O- http://127.0.0.1:8080/health || exit 1'],
        Interval: 1e9,
        Timeout: 2e9,
        Retries: 3,
      },
    });
    created.push(container.id);
    const healthy = awaitEvent(
      { container: [container.id], event: ['health_status'] },
      (event) => event.Action.startsWith('health_status'),
      30_000,
    );
    await container.start();
    const event = await healthy;
    assert.equal(event.Action, 'health_status: healthy');
    const state = (await container.inspect()).State;
    assert.equal(state.Health?.Status, 'healthy');
    assert.equal(state.Health?.Log.at(-1)?.Output, 'ok\n', 'the probe output is the page wget fetched');
  });
});
