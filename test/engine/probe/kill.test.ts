import * as assert from 'node:assert/strict';
import { DockerodeEngineClient } from '../../../src/core/engine/dockerodeClient';
import type { ProbePlan } from '../../../src/core/probe/plan';
import { ProbeQueue } from '../../../src/core/probe/probeQueue';
import { lingeringText, runProbe } from '../../../src/core/probe/runProbe';
import { address, createContainer, docker, NO_SHELL_IMAGE, nextEvent, removeContainer, uniqueName, type EngineEvent } from './dockerHarness';

const plan = (argv: string[], timeoutNs = 1e9): ProbePlan => ({ test: ['CMD', ...argv], argv, user: '', workingDir: '', timeoutNs, fromImage: false });

interface TopRow {
  pid: string;
  ppid: string;
  cmd: string;
}

/** `docker top` through the API (`GET /containers/{id}/top`): host PIDs and command lines. */
async function top(name: string): Promise<TopRow[]> {
  const { Titles, Processes } = (await docker.getContainer(name).top()) as { Titles: string[]; Processes: string[][] };
  const at = (title: string) => Titles.indexOf(title);
  return Processes.map((p) => ({ pid: p[at('PID')], ppid: p[at('PPID')], cmd: p[at('CMD')] }));
}

const commands = (rows: TopRow[]) => rows.map((r) => `${r.pid} ${r.cmd}`).sort();

/** A user's `docker exec -d NAME ARGV…` through the API; resolves once the engine reports it started. */
async function userExec(name: string, argv: string[]): Promise<void> {
  const started = nextEvent(name, (e) => e.Action === `exec_start: ${argv.join(' ')}`);
  await started.ready;
  const exec = await docker.getContainer(name).exec({ Cmd: argv, AttachStdout: false, AttachStderr: false });
  // A detached start still answers with a (empty) body: read it, or its socket keeps Node alive.
  ((await exec.start({ Detach: true })) as NodeJS.ReadableStream).resume();
  await started.event;
}

describe('a probe stopped by its timeout or by Cancel leaves no process in the container', function () {
  this.timeout(120_000);
  const engine = new DockerodeEngineClient(docker, address);
  const name = uniqueName('kill');
  let others: TopRow[];
  let mainPid: number;

  before(async () => {
    // Docker's own probe takes 120 s (timeout 300 s), so it is running through every test below, as is
    // a user's `docker exec` session; neither may be touched by our clean-up.
    const container = await createContainer({ name, healthcheck: { test: ['CMD', 'sleep', '120'], intervalNs: 200e6, timeoutNs: 300e9, retries: 1 } });
    const dockerProbe = nextEvent(name, (e) => e.Action === 'exec_start: sleep 120');
    await dockerProbe.ready;
    await container.start();
    await dockerProbe.event;
    await userExec(name, ['sleep', '300']);
    mainPid = (await container.inspect()).State.Pid;
    others = await top(name);
    assert.deepEqual(
      others.map((r) => r.cmd).sort(),
      ['sleep 120', 'sleep 300', 'sleep 3600'],
      'the main process, Docker\'s probe and the user\'s exec run before the test',
    );
  });
  after(() => removeContainer(name));

  async function assertOnlyOthersLeft(): Promise<void> {
    assert.deepEqual(commands(await top(name)), commands(others), "only the main process, Docker's probe and the user's exec are left");
    const state = (await docker.getContainer(name).inspect()).State;
    assert.deepEqual([state.Running, state.Pid], [true, mainPid], 'the main process lives on');
  }

  it('after three timed-out runs no probe process is left, and nothing else was touched', async () => {
    for (let i = 0; i < 3; i++) {
      const outcome = await runProbe(engine, name, plan(['sh', '-c', 'sleep 100; echo never']), { timeoutIncludesOutput: false });
      assert.deepEqual(outcome.kind === 'result' && [outcome.exitCode, outcome.timedOut, outcome.lingering], [-1, true, undefined], JSON.stringify(outcome));
    }
    await assertOnlyOthersLeft();
  });

  it('a cancelled run leaves no process behind', async () => {
    const cancel = new AbortController();
    const running = runProbe(engine, name, plan(['sleep', '101'], 60e9), { signal: cancel.signal, timeoutIncludesOutput: false });
    // The exec_start event comes before the process exists (the engine logs it, then starts it), and
    // no event says it runs: poll `docker top`, with a deadline.
    const deadline = Date.now() + 10_000;
    while (!(await top(name)).some((r) => r.cmd === 'sleep 101')) {
      assert.ok(Date.now() < deadline, 'the probe process did not appear in docker top within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    cancel.abort();
    const outcome = await running;
    assert.deepEqual([outcome.kind, outcome.kind === 'cancelled' && outcome.lingering], ['cancelled', undefined]);
    await assertOnlyOthersLeft();
  });

  it('a run cancelled the moment the engine reports its start leaves no process behind either', async () => {
    const cancel = new AbortController();
    const started = nextEvent(name, (e) => e.Action === 'exec_start: sleep 107');
    await started.ready;
    const running = runProbe(engine, name, plan(['sleep', '107'], 60e9), { signal: cancel.signal, timeoutIncludesOutput: false });
    await started.event;
    cancel.abort();
    const outcome = await running;
    assert.deepEqual([outcome.kind, outcome.kind === 'cancelled' && outcome.lingering], ['cancelled', undefined]);
    await assertOnlyOthersLeft();
  });

  it('what the probe started is ended with it, not left to PID 1', async () => {
    const outcome = await runProbe(engine, name, plan(['sh', '-c', 'sleep 102 & sh -c "sleep 103; echo" & wait']), { timeoutIncludesOutput: false });
    assert.equal(outcome.kind === 'result' && outcome.timedOut, true);
    assert.equal(outcome.kind === 'result' && outcome.lingering, undefined);
    await assertOnlyOthersLeft();
  });

  it('two runs on one container never overlap: the second starts after the first was ended', async () => {
    const queue = new ProbeQueue();
    const since = Math.floor(Date.now() / 1000);
    let waited = false;
    const [first, second] = await Promise.all([
      runProbe(engine, name, plan(['sleep', '104']), { timeoutIncludesOutput: false, queue }),
      runProbe(engine, name, plan(['sleep', '105']), { timeoutIncludesOutput: false, queue, onWaiting: () => (waited = true) }),
    ]);
    assert.deepEqual([first.kind === 'result' && first.timedOut, second.kind === 'result' && second.timedOut, waited], [true, true, true]);
    // The engine's own record, in order: the first probe died before the second started.
    const until = Math.ceil(Date.now() / 1000) + 1;
    const stream = (await docker.getEvents({ since, until, filters: { type: ['container'], container: [name] } })) as NodeJS.ReadableStream;
    let text = '';
    for await (const chunk of stream) text += chunk.toString();
    const actions = text
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as EngineEvent).Action)
      .filter((a) => /^exec_(start|die)/.test(a));
    const firstStart = actions.indexOf('exec_start: sleep 104');
    const secondStart = actions.indexOf('exec_start: sleep 105');
    assert.ok(firstStart >= 0 && secondStart > firstStart, actions.join(' | '));
    const diesBetween = actions.slice(firstStart, secondStart).filter((a) => a.startsWith('exec_die')).length;
    // Between the two starts: the kill exec and the first probe both died.
    assert.ok(diesBetween >= 2, `expected the first probe and its kill to die before the second start: ${actions.join(' | ')}`);
    await assertOnlyOthersLeft();
  });
});

describe('an image without a shell cannot have its probe ended, and the result says so', function () {
  this.timeout(60_000);
  const engine = new DockerodeEngineClient(docker, address);
  const name = uniqueName('noshell');

  before(async () => {
    const container = await docker.createContainer({ name, Image: NO_SHELL_IMAGE, Cmd: ['sleep', '3600'], StopTimeout: 1 });
    await container.start();
  });
  after(() => removeContainer(name));

  it('a timed-out probe reports that its process may still be running, and why', async () => {
    const outcome = await runProbe(engine, name, plan(['sleep', '106']), { timeoutIncludesOutput: false });
    assert.equal(outcome.kind === 'result' && outcome.timedOut, true);
    const lingering = outcome.kind === 'result' ? outcome.lingering : undefined;
    assert.ok(lingering, JSON.stringify(outcome));
    assert.match(lingeringText(lingering), /^the probe's process may still be running in the container; the Engine API cannot end it \(the image has no shell \(sh\) to run kill in/);
    // The statement is true: the process is there.
    assert.ok((await top(name)).some((r) => r.cmd === 'sleep 106'), 'the probe process is still running, as reported');
  });
});
