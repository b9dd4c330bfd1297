import * as assert from 'node:assert/strict';
import { DockerodeEngineClient } from '../../../src/core/engine/dockerodeClient';
import type { ProbePlan } from '../../../src/core/probe/plan';
import { runProbe } from '../../../src/core/probe/runProbe';
import { address, createContainer, docker, nextEvent, removeContainer, uniqueName } from './dockerHarness';

const plan = (argv: string[], timeoutNs = 30e9): ProbePlan => ({ test: ['CMD', ...argv], argv, user: '', workingDir: '', timeoutNs, fromImage: false });

describe('probe runner against containers that hang, vanish or stop', function () {
  this.timeout(60_000);
  const engine = new DockerodeEngineClient(docker, address);
  const name = uniqueName('life');

  before(async () => {
    await (await createContainer({ name })).start();
  });
  after(() => removeContainer(name));

  it('a probe that hangs returns at its timeout, not when the command ends', async () => {
    const outcome = await runProbe(engine, name, plan(['sh', '-c', 'echo begun; sleep 600'], 1e9), { timeoutIncludesOutput: false });
    assert.equal(outcome.kind, 'result');
    if (outcome.kind !== 'result') return;
    assert.equal(outcome.exitCode, -1);
    assert.equal(outcome.output, 'Health check exceeded timeout (1s)');
    assert.ok(outcome.timedOut);
    assert.ok(outcome.durationMs >= 1000 && outcome.durationMs < 600_000, `returned after ${outcome.durationMs} ms`);
  });

  it('an engine from API 1.43 on also gets what the timed-out probe printed', async () => {
    // Such an engine also starts the timeout once the process runs (API >= 1.42): a slow exec start
    // under load must not eat the second in which `echo begun` runs.
    const outcome = await runProbe(engine, name, plan(['sh', '-c', 'echo begun; sleep 600'], 1e9), { timeoutIncludesOutput: true, timeoutFromProcessStart: true });
    assert.equal(outcome.kind === 'result' && outcome.output, 'Health check exceeded timeout (1s): begun\n');
  });

  it('cancelling stops waiting and says so', async () => {
    const cancel = new AbortController();
    const started = nextEvent(name, (e) => e.Action.startsWith('exec_start: sleep 600'));
    await started.ready;
    const running = runProbe(engine, name, plan(['sleep', '600']), { signal: cancel.signal, timeoutIncludesOutput: false });
    await started.event;
    cancel.abort();
    assert.equal((await running).kind, 'cancelled');
  });

  it('a container removed mid-probe gives a clear message', async () => {
    const victim = uniqueName('gone');
    await (await createContainer({ name: victim })).start();
    try {
      const started = nextEvent(victim, (e) => e.Action.startsWith('exec_start: sleep 601'));
      await started.ready;
      const running = runProbe(engine, victim, plan(['sleep', '601']), { timeoutIncludesOutput: false });
      await started.event;
      await docker.getContainer(victim).remove({ force: true });
      const outcome = await running;
      assert.equal(outcome.kind, 'error', JSON.stringify(outcome));
      assert.match(outcome.kind === 'error' ? outcome.message : '', /(was removed|is not running|is stopping).*Start the service and run the probe again/);
    } finally {
      await removeContainer(victim);
    }
  });

  it('a paused container runs nothing and says to unpause it (Docker does not probe it either)', async () => {
    const paused = uniqueName('paused');
    const created = await createContainer({ name: paused });
    await created.start();
    await created.pause();
    try {
      const outcome = await runProbe(engine, paused, plan(['true']), { timeoutIncludesOutput: false });
      assert.equal(outcome.kind, 'error');
      assert.match(outcome.kind === 'error' ? outcome.message : '', new RegExp(`Container ${paused} is paused.*Unpause it and run the probe again`));
    } finally {
      await removeContainer(paused);
    }
  });

  it('a stopped container runs nothing and says it is not running', async () => {
    const stopped = uniqueName('stopped');
    await createContainer({ name: stopped });
    try {
      const outcome = await runProbe(engine, stopped, plan(['true']), { timeoutIncludesOutput: false });
      assert.equal(outcome.kind, 'error');
      assert.match(outcome.kind === 'error' ? outcome.message : '', new RegExp(`Container ${stopped} is not running`));
    } finally {
      await removeContainer(stopped);
    }
  });
});
