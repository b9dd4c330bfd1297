import * as assert from 'node:assert/strict';
import type { ProbePlan } from '../../../src/core/probe/plan';
import { ProbeQueue } from '../../../src/core/probe/probeQueue';
import { runProbe, timeoutFromProcessStart, timeoutIncludesOutput } from '../../../src/core/probe/runProbe';
import { container, FakeEngine } from './fakeEngine';

const plan = (timeoutNs = 30e9): ProbePlan => ({ test: ['CMD', 'check'], argv: ['check'], user: 'u', workingDir: '/w', timeoutNs, fromImage: false });

describe('runProbe over the engine interface', () => {
  let engine: FakeEngine;
  beforeEach(() => {
    engine = new FakeEngine();
    engine.containers.set('c1', container('c1'));
  });

  it('passes argv, user and working directory to the exec, and returns its exit code and output', async () => {
    engine.script = { chunks: ['out\n', 'err\n'], outcome: { exitCode: 1, pid: 7 } };
    const o = await runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false });
    assert.deepEqual(engine.execs, [{ argv: ['check'], user: 'u', workingDir: '/w' }]);
    assert.equal(o.kind, 'result');
    assert.deepEqual(o.kind === 'result' && [o.exitCode, o.output, o.timedOut], [1, 'out\nerr\n', false]);
  });

  it('an exec that never started (pid 0) is exit -1 with the error text, as the health log records it', async () => {
    engine.script = { chunks: ['OCI runtime exec failed: exec: "curl": executable file not found in $PATH: unknown\r\n'], outcome: { exitCode: 126, pid: 0 } };
    const o = await runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false });
    assert.deepEqual(o.kind === 'result' && [o.exitCode, o.output], [-1, 'OCI runtime exec failed: exec: "curl": executable file not found in $PATH: unknown']);
  });

  it('a probe past its timeout is exit -1 with the message alone on Engine < 24', async () => {
    engine.script = { chunks: ['partial'], hang: true };
    const o = await runProbe(engine, 'c1', plan(20e6), { timeoutIncludesOutput: false });
    assert.deepEqual(o.kind === 'result' && [o.exitCode, o.output, o.timedOut], [-1, 'Health check exceeded timeout (20ms)', true]);
  });

  it('a probe past its timeout carries its output on Engine ≥ 24 (API 1.43)', async () => {
    engine.script = { chunks: ['partial'], hang: true };
    const o = await runProbe(engine, 'c1', plan(1.5e6), { timeoutIncludesOutput: true });
    assert.equal(o.kind === 'result' && o.output, 'Health check exceeded timeout (1.5ms): partial');
    assert.equal(timeoutIncludesOutput('1.41'), false);
    assert.equal(timeoutIncludesOutput('1.43'), true);
    assert.equal(timeoutIncludesOutput('1.47'), true);
  });

  it('on Engine 23+ (API 1.42) the timeout runs from the process start, so a slow exec start does not count', async () => {
    let processStarts: () => void = () => undefined;
    engine.script = { hang: true, processStarts: new Promise<void>((resolve) => (processStarts = resolve)) };
    const running = runProbe(engine, 'c1', plan(1e6), { timeoutIncludesOutput: true, timeoutFromProcessStart: true });
    const stillWaiting = await Promise.race([running.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 50))]);
    assert.ok(stillWaiting, 'no timeout before the process has started, though 50 times the 1 ms timeout passed');
    processStarts();
    const o = await running;
    assert.deepEqual(o.kind === 'result' && [o.exitCode, o.timedOut], [-1, true]);
    assert.deepEqual(['1.41', '1.42', '1.45'].map(timeoutFromProcessStart), [false, true, true]);
  });

  it('cancelling returns cancelled, not a result', async () => {
    engine.script = { hang: true };
    const cancel = new AbortController();
    const running = runProbe(engine, 'c1', plan(), { signal: cancel.signal, timeoutIncludesOutput: false });
    cancel.abort();
    assert.equal((await running).kind, 'cancelled');
  });

  it('a container gone before the probe gives a message saying so and what to do', async () => {
    const o = await runProbe(engine, 'nope', plan(), { timeoutIncludesOutput: false });
    assert.equal(o.kind, 'error');
    assert.match(o.kind === 'error' ? o.message : '', /^Container nope was removed, so no probe result was recorded\. Start the service and run the probe again\.$/);
  });

  it("a Swarm task container removed under the probe: Swarm replaces the task, so the message does not say to start the service", async () => {
    // Swarm kills an unhealthy task container (exit 137) and removes it; the exec ends with it.
    engine.script = { outcome: { exitCode: 137, pid: 9 }, onStart: () => engine.containers.delete('c1') };
    const o = await runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false, swarmTask: true });
    assert.equal(
      o.kind === 'error' ? o.message : '',
      'Container c1 was removed, so no probe result was recorded. Swarm starts a new task in its place (docker service ps shows why); run the probe again once it runs.',
    );
  });

  it('a process killed because its container stopped is not reported as a probe result', async () => {
    engine.script = { outcome: { exitCode: 137, pid: 9 }, onStart: () => engine.containers.set('c1', container('c1', { running: false })) };
    const o = await runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false });
    assert.match(o.kind === 'error' ? o.message : '', /Container c1 is not running/);
  });

  it('a process killed while the engine stops its container is not a result, though an inspect still says running', async () => {
    engine.script = { outcome: { exitCode: 137, pid: 9 }, onStart: () => engine.signalled.add('c1') };
    const o = await runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false });
    assert.match(o.kind === 'error' ? o.message : '', /^Container c1 is stopping \(the engine signalled it during the probe\), so no probe result was recorded\./);
  });

  it('a check that itself exits 137 in a running container is a result', async () => {
    engine.script = { outcome: { exitCode: 137, pid: 9 } };
    const o = await runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false });
    assert.equal(o.kind === 'result' && o.exitCode, 137);
  });

  it('an unreachable engine gives a message with what to do', async () => {
    engine.script = { error: new Error('connect ENOENT /var/run/docker.sock') };
    const o = await runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false });
    assert.match(o.kind === 'error' ? o.message : '', /connect ENOENT.*Check that Docker is running/);
  });

  it('a timed-out probe has its exec ended before the result is returned', async () => {
    engine.script = { hang: true };
    const o = await runProbe(engine, 'c1', plan(5e6), { timeoutIncludesOutput: false });
    assert.deepEqual(engine.endedExecs, ['exec-1']);
    assert.equal(o.kind === 'result' && o.timedOut, true);
    assert.equal(o.kind === 'result' && 'lingering' in o, false);
  });

  it('a cancelled probe has its exec ended too', async () => {
    engine.script = { hang: true };
    const cancel = new AbortController();
    const running = runProbe(engine, 'c1', plan(), { signal: cancel.signal, timeoutIncludesOutput: false });
    cancel.abort();
    const o = await running;
    assert.deepEqual([o.kind, engine.endedExecs], ['cancelled', ['exec-1']]);
  });

  it('a probe that finished on its own is not ended', async () => {
    await runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false });
    assert.deepEqual(engine.endedExecs, []);
  });

  it('when the process cannot be ended the outcome carries the reason, for timeouts and cancels alike', async () => {
    engine.script = { hang: true };
    engine.ending = { ended: false, reason: 'the image has no shell (sh) to run kill in' };
    const timedOut = await runProbe(engine, 'c1', plan(5e6), { timeoutIncludesOutput: false });
    assert.equal(timedOut.kind === 'result' && timedOut.lingering, 'the image has no shell (sh) to run kill in');
    const cancel = new AbortController();
    const running = runProbe(engine, 'c1', plan(), { signal: cancel.signal, timeoutIncludesOutput: false });
    cancel.abort();
    const cancelled = await running;
    assert.equal(cancelled.kind === 'cancelled' && cancelled.lingering, 'the image has no shell (sh) to run kill in');
  });

  it('an engine failing the attempt to end the process is reported as lingering, not hidden', async () => {
    engine.script = { hang: true };
    engine.endExec = async () => {
      throw new Error('socket hang up');
    };
    const o = await runProbe(engine, 'c1', plan(5e6), { timeoutIncludesOutput: false });
    assert.equal(o.kind === 'result' && o.lingering, 'the engine failed the attempt: socket hang up');
  });

  describe('with a queue', () => {
    it('a second run on the same container starts only after the first has ended, and says it waits', async () => {
      let finish!: () => void;
      engine.script = { until: new Promise<void>((resolve) => (finish = resolve)) };
      const queue = new ProbeQueue();
      let waited = 0;
      const first = runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false, queue });
      const second = runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false, queue, onWaiting: () => waited++ });
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(engine.execs.length, 1, 'the second run must not start while the first runs');
      assert.equal(waited, 1);
      finish();
      await Promise.all([first, second]);
      assert.deepEqual([engine.execs.length, engine.mostAtOnce], [2, 1]);
    });

    it('runs on different containers go in parallel', async () => {
      engine.containers.set('c2', container('c2'));
      let finish!: () => void;
      engine.script = { until: new Promise<void>((resolve) => (finish = resolve)) };
      const queue = new ProbeQueue();
      const both = Promise.all([runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false, queue }), runProbe(engine, 'c2', plan(), { timeoutIncludesOutput: false, queue })]);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(engine.execs.length, 2, 'both containers run at once');
      finish();
      await both;
    });

    it('the next run waits until a timed-out run has had its process ended', async () => {
      engine.script = { hang: true };
      const queue = new ProbeQueue();
      let release!: () => void;
      let asked!: () => void;
      const ending = new Promise<void>((resolve) => (release = resolve));
      const endingAsked = new Promise<void>((resolve) => (asked = resolve));
      engine.endExec = async () => {
        asked();
        await ending;
        return { ended: true };
      };
      const first = runProbe(engine, 'c1', plan(5e6), { timeoutIncludesOutput: false, queue });
      await endingAsked;
      engine.script = { outcome: { exitCode: 0, pid: 5 } };
      const second = runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false, queue });
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(engine.execs.length, 1, 'no second exec while the first is being ended');
      release();
      assert.equal((await first).kind, 'result');
      assert.equal((await second).kind === 'result' && engine.execs.length, 2);
    });

    it('a run cancelled while it waits runs nothing, and does not let later runs jump the queue', async () => {
      let finish!: () => void;
      engine.script = { until: new Promise<void>((resolve) => (finish = resolve)) };
      const queue = new ProbeQueue();
      const first = runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false, queue });
      const cancel = new AbortController();
      const waiting = runProbe(engine, 'c1', plan(), { signal: cancel.signal, timeoutIncludesOutput: false, queue });
      const third = runProbe(engine, 'c1', plan(), { timeoutIncludesOutput: false, queue });
      cancel.abort();
      assert.equal((await waiting).kind, 'cancelled');
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(engine.execs.length, 1, 'the third run still waits for the first');
      finish();
      await Promise.all([first, third]);
      assert.deepEqual([engine.execs.length, engine.mostAtOnce, engine.endedExecs], [2, 1, []]);
    });
  });
});

describe("runProbe with Podman's rules (libpod/healthcheck.go, checked against Podman 4.3.1)", () => {
  let engine: FakeEngine;
  const podman = { timeoutIncludesOutput: false, flavor: 'podman' as const };
  beforeEach(() => {
    engine = new FakeEngine();
    engine.containers.set('c1', container('c1'));
  });

  it('a passing probe is exit 0 though Podman reports no pid for an ended exec', async () => {
    engine.script = { chunks: ['ready\n'], outcome: { exitCode: 0, pid: 0 } };
    const o = await runProbe(engine, 'c1', plan(), podman);
    assert.deepEqual(o.kind === 'result' && [o.exitCode, o.output], [0, 'ready']);
  });

  it('any failing exit is recorded as 1, a missing command included', async () => {
    engine.script = { chunks: ['nope\n'], outcome: { exitCode: 3, pid: 0 } };
    const failed = await runProbe(engine, 'c1', plan(), podman);
    assert.deepEqual(failed.kind === 'result' && [failed.exitCode, failed.output], [1, 'nope']);
    engine.script = { chunks: ['Error: runc: exec failed: unable to start container process: exec: "/bin/nosuch": stat /bin/nosuch: no such file or directory\n'], outcome: { exitCode: 127, pid: 0 } };
    const missing = await runProbe(engine, 'c1', plan(), podman);
    assert.equal(missing.kind === 'result' && missing.exitCode, 1);
  });

  it('keeps 500 bytes of output and marks no cut', async () => {
    engine.script = { chunks: ['x'.repeat(600)], outcome: { exitCode: 1, pid: 0 } };
    const o = await runProbe(engine, 'c1', plan(), podman);
    assert.equal(o.kind === 'result' && o.output, 'x'.repeat(500));
  });

  it('a probe past its timeout is -1 with what it printed and no timeout message, and its process is ended', async () => {
    engine.script = { chunks: ['hi\n'], hang: true };
    const o = await runProbe(engine, 'c1', plan(5e6), podman);
    assert.deepEqual(o.kind === 'result' && [o.exitCode, o.output, o.timedOut], [-1, 'hi', true]);
    assert.deepEqual(engine.endedExecs, ['exec-1']);
  });

  it('a late probe whose process cannot be ended says why', async () => {
    engine.script = { hang: true };
    engine.ending = { ended: false, reason: 'the engine had not reported its process 5 s after starting it' };
    const o = await runProbe(engine, 'c1', plan(5e6), podman);
    assert.equal(o.kind === 'result' && o.lingering, 'the engine had not reported its process 5 s after starting it');
  });

  it('an exec refused because the container stopped (Podman answers 500, not 409) says the container is not running', async () => {
    engine.containers.set('c1', container('c1', { running: false }));
    engine.script = { error: new Error('(HTTP code 500) server error - can only create exec sessions on running containers: container state improper') };
    const o = await runProbe(engine, 'c1', plan(), podman);
    assert.match(o.kind === 'error' ? o.message : '', /^Container c1 is not running, so no probe result was recorded/);
  });
});
