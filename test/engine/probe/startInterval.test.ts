import * as assert from 'node:assert/strict';
import { createContainer, engineApiAtLeast, nextEvent, removeContainer, uniqueName } from './dockerHarness';

// moby daemon/health.go `monitor` (Engine 25+, API 1.44): while the status is `starting` and the start
// period runs, the next probe (the first one included) is scheduled start_interval after the start or
// after the last probe ends, instead of interval.
// Engine 20.10 does not know the field and keeps to interval. The schedule is read from the engine's own
// State.Health.Log timestamps (End of one probe → Start of the next), never from the test's clock.
const INTERVAL_MS = 3000;
const START_INTERVAL_MS = 200;
const PROBES = 4;

/** Resolves after the engine reports `count` finished probe execs of the container (`exec_die` events; a failing probe in the start period emits no health_status). */
async function probesFinished(name: string, count: number, start: () => Promise<unknown>): Promise<void> {
  let seen = 0;
  const done = nextEvent(name, (e) => e.Action === 'exec_die' && ++seen === count);
  await done.ready;
  await start();
  await done.event;
}

describe('(engine) start_interval: probe scheduling in the start period, as the engine records it', function () {
  this.timeout(60_000);
  const name = uniqueName('start-interval');

  after(() => removeContainer(name));

  it('probes run every start_interval while starting in the start period on API >= 1.44, every interval before', async () => {
    const honoured = await engineApiAtLeast(44);
    // A check that keeps failing inside a long start period: the status stays `starting` throughout.
    const container = await createContainer({
      name,
      healthcheck: { test: ['CMD', 'false'], intervalNs: INTERVAL_MS * 1e6, startIntervalNs: START_INTERVAL_MS * 1e6, startPeriodNs: 120e9, retries: 1, timeoutNs: 5e9 },
    });
    await probesFinished(name, honoured ? PROBES : 2, () => container.start());
    const state = (await container.inspect()).State;
    const health = state.Health!;
    assert.equal(health.Status, 'starting', 'failures inside the start period do not count');
    const log = health.Log.map((entry) => ({ start: Date.parse(entry.Start), end: Date.parse(entry.End) }));
    const gaps = log.slice(1).map((entry, i) => entry.start - log[i].end);
    assert.ok(gaps.length >= 1, `at least two probes recorded: ${JSON.stringify(health.Log)}`);
    // The first probe too: Engine 26.1.5 ran it start_interval after the start (seen: 209 ms), 20.10 one interval after.
    const first = log[0].start - Date.parse(state.StartedAt);
    if (honoured) assert.ok(first < INTERVAL_MS / 2, `the first probe ${first} ms after the start, not one interval`);
    else assert.ok(first >= INTERVAL_MS - 5, `the first probe ${first} ms after the start: one interval`);
    for (const gap of gaps) {
      if (honoured) {
        assert.ok(gap >= START_INTERVAL_MS - 5 && gap < INTERVAL_MS / 2, `a probe every start_interval (${START_INTERVAL_MS} ms), not interval; gaps ${gaps} ms`);
      } else {
        assert.ok(gap >= INTERVAL_MS - 5, `Engine < 25 ignores start_interval: gaps ${gaps} ms are the interval (${INTERVAL_MS} ms)`);
      }
    }
  });
});
