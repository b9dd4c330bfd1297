import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ChangeCoalescer } from '../../../src/core/health/coalesce';
import { createComposeContainer, dockerAt, exec, removeProject, uniqueProject, until, watch, type Watcher } from './support';

const FLIP_FOR_MS = 30_000;
/** The tree's redraw interval (src/tree/register.ts). */
const REDRAW_INTERVAL_MS = 100;

function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('(engine) a container whose check flips every ~200 ms for 30 s', function () {
  this.timeout(120_000);
  const docker = dockerAt();
  const project = uniqueProject('flap');
  let watcher: Watcher;

  after(async () => {
    watcher?.dispose();
    await removeProject(docker, project);
  });

  it('ends in the right state, with redraws coalesced and memory bounded', async () => {
    // The main process toggles /tmp/ok every 200 ms until /tmp/stop appears, then leaves it in place.
    const container = await createComposeContainer(docker, {
      project,
      service: 'flappy',
      cmd: ['sh', '-c', 'while [ ! -f /tmp/stop ]; do touch /tmp/ok; sleep 0.2; rm -f /tmp/ok; sleep 0.2; done; touch /tmp/ok; exec sleep 3600'],
      healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 100, retries: 1 },
    });
    watcher = watch();
    const { store, monitor } = watcher;
    let healthEvents = 0;
    watcher.connection.onEvent((e) => e.action === 'health_status' && healthEvents++);
    const deliveries: number[] = [];
    const coalescer = new ChangeCoalescer(REDRAW_INTERVAL_MS, () => deliveries.push(Date.now()));
    store.onDidChange((change) => coalescer.push(change));
    monitor.start();
    await until(store, () => store.state.engine.kind === 'connected', 'the connection');

    const heapBefore = heapAfterGc();
    await container.start();
    await new Promise((resolve) => setTimeout(resolve, FLIP_FOR_MS));
    await exec(container, ['touch', '/tmp/stop']);
    const record = () => store.service(project, 'flappy')?.containers[0]?.record;
    await until(store, () => record()?.health === 'healthy', 'healthy once the flipping stopped');
    // Let the last inspect land, then compare with the engine's own view.
    const truth = await container.inspect();
    await until(store, () => record()?.health === truth.State.Health?.Status, `the store to agree with the engine (${truth.State.Health?.Status})`);
    coalescer.dispose();
    const heapAfter = heapAfterGc();

    const gaps = deliveries.slice(1).map((t, i) => t - deliveries[i]);
    const figures = {
      healthEvents,
      storeChanges: coalescer.stats.received,
      redraws: coalescer.stats.delivered,
      minGapMs: Math.min(...gaps),
      inspects: watcher.client()?.counts.inspect,
      lists: watcher.client()?.counts.list,
      heapBeforeMB: +(heapBefore / 2 ** 20).toFixed(1),
      heapAfterMB: +(heapAfter / 2 ** 20).toFixed(1),
      containersInStore: store.state.containers.size,
    };
    console.log(`      flapping figures: ${JSON.stringify(figures)}`);

    assert.equal(record()?.health, 'healthy');
    assert.ok(healthEvents >= 20, `the check really flipped (${healthEvents} health events)`);
    assert.ok(coalescer.stats.delivered < coalescer.stats.received, 'redraws were coalesced');
    assert.ok(coalescer.stats.delivered <= Math.ceil((FLIP_FOR_MS + 30_000) / REDRAW_INTERVAL_MS), 'at most one redraw per interval');
    assert.equal(store.state.containers.size, 1);
    assert.equal(record()?.details?.probeLog.length !== undefined && record()!.details!.probeLog.length <= 5, true, 'the probe log stays as short as the engine keeps it');
    assert.ok(heapAfter - heapBefore < 16 * 2 ** 20, `heap grew by ${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MB`);
  });
});
