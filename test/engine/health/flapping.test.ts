import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ChangeCoalescer } from '../../../src/core/health/coalesce';
import { createComposeContainer, dockerAt, exec, removeProject, uniqueProject, onlyEngine, until, watch, type Watcher } from './support';

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
      cmd: ['sh', '-c', 'while [ ! -f /tmp/stop ]; do touch /tmp/ok; sleep 0.2; rm -f /tmp/ok; sleep 0.2; done; touch /tmp/ok; touch /tmp/done; exec sleep 3600'],
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
    await until(store, () => onlyEngine(store.state).kind === 'connected', 'the connection');

    const heapBefore = heapAfterGc();
    await container.start();
    await new Promise((resolve) => setTimeout(resolve, FLIP_FOR_MS));
    // Stop the flipping and wait until the loop has left /tmp/ok in place for good.
    await exec(container, ['sh', '-c', 'touch /tmp/stop; while [ ! -f /tmp/done ]; do sleep 0.05; done']);
    const settledAt = Date.now();
    // The engine's verdict once it has probed the final file: no event says "a probe passed again", so
    // this polls its inspect with a deadline.
    let truth = await container.inspect();
    const passedSince = () => (truth.State.Health?.Log ?? []).some((p) => Date.parse(p.Start) > settledAt && p.ExitCode === 0);
    for (const deadline = Date.now() + 20_000; !passedSince() && Date.now() < deadline; truth = await container.inspect()) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(truth.State.Health?.Status, 'healthy', 'the engine ends healthy');
    const record = () => store.service(project, 'flappy')?.containers[0]?.record;
    await until(store, () => record()?.health === 'healthy', 'the store to end healthy, as the engine');
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
      containersOfProject: store.service(project, 'flappy')?.containers.length,
    };
    console.log(`      flapping figures: ${JSON.stringify(figures)}`);

    assert.equal(record()?.health, 'healthy');
    // A precondition, not the behaviour under test: enough flips for coalescing to matter. An idle machine
    // sees about 150 in 30 s; a loaded one (the engine runs each probe late) as few as 15.
    assert.ok(healthEvents >= 10, `the check really flipped (${healthEvents} health events)`);
    assert.ok(coalescer.stats.delivered < coalescer.stats.received, 'redraws were coalesced');
    assert.ok(coalescer.stats.delivered <= Math.ceil((FLIP_FOR_MS + 30_000) / REDRAW_INTERVAL_MS), 'at most one redraw per interval');
    assert.equal(store.service(project, 'flappy')?.containers.length, 1, 'one container, however often it flipped');
    assert.equal(record()?.details?.probeLog.length !== undefined && record()!.details!.probeLog.length <= 5, true, 'the probe log stays as short as the engine keeps it');
    assert.ok(heapAfter - heapBefore < 16 * 2 ** 20, `heap grew by ${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MB`);
  });
});
