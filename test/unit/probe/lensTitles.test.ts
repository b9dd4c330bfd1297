import * as assert from 'node:assert/strict';
import type { PlanResult } from '../../../src/core/probe/plan';
import type { ComposeFileState, RunningContainer, ServiceState } from '../../../src/core/probe/serviceStates';
import { COMMAND } from '../../../src/commands/ids';
import { outcomeLens, serviceLenses, type ServiceLensInput } from '../../../src/probe/lensTitles';
import type { SwarmTask } from '../../../src/core/swarm/types';
import { container } from './fakeEngine';

const okPlan = (argv = ['/bin/sh', '-c', 'curl -f http://localhost'], fromImage = false): PlanResult => ({
  ok: true,
  plan: { test: ['CMD-SHELL', argv[2]], argv, user: '', workingDir: '', timeoutNs: 30e9, fromImage },
});
const running = (id: string, extra: Partial<RunningContainer> = {}): RunningContainer => ({ container: container(id), plan: okPlan(), drift: [], ...extra });
const file = (svc: Partial<ServiceState>): ComposeFileState => ({
  ok: true,
  apiVersion: '1.41',
  flavor: 'docker',
  projects: ['app'],
  services: new Map([['web', { service: 'web', spec: {}, check: { kind: 'command', test: ['CMD-SHELL', 'x'] }, running: [], stopped: [], ...svc }]]),
});
const input = (f: ComposeFileState, extra: Partial<ServiceLensInput> = {}): ServiceLensInput => ({
  service: 'web',
  file: f,
  run: undefined,
  live: () => undefined,
  now: new Date('2026-01-01T00:00:10Z'),
  ...extra,
});
const titles = (i: ServiceLensInput): string[] => serviceLenses(i).map((l) => l.title);

describe('CodeLens titles above a healthcheck', () => {
  it('with a container: Run probe and its live health from inspect', () => {
    const c = running('c1');
    c.container.health = { status: 'healthy', failingStreak: 0, log: [{ start: '', end: '2026-01-01T00:00:07Z', exitCode: 0, output: '' }] };
    assert.deepEqual(titles(input(file({ running: [c] }))), ['$(play) Run probe', '$(pass) healthy · last probe 3 s ago']);
  });

  it('a live source wins over the inspect result', () => {
    const c = running('c1');
    c.container.health = { status: 'healthy', failingStreak: 0, log: [] };
    const live = (): { status: string; lastProbe: { end: Date; exitCode: number; output: string } } => ({
      status: 'unhealthy',
      lastProbe: { end: new Date('2026-01-01T00:00:09.988Z'), exitCode: 1, output: '' },
    });
    assert.deepEqual(titles(input(file({ running: [c] }), { live })), ['$(play) Run probe', '$(error) unhealthy · last probe 12 ms ago']);
  });

  it('after a run: the outcome per container, each replica named', () => {
    const lenses = serviceLenses(
      input(file({ running: [running('web-1'), running('web-2')] }), {
        run: {
          running: false,
          runs: [
            { containerId: 'web-1', containerName: 'web-1', argv: [], outcome: { kind: 'result', exitCode: 0, output: 'ok\n', durationMs: 23.4, timedOut: false } },
            { containerId: 'web-2', containerName: 'web-2', argv: [], outcome: { kind: 'result', exitCode: 127, output: 'sh: curl: not found\n', durationMs: 9, timedOut: false } },
          ],
        },
      }),
    );
    assert.deepEqual(
      lenses.map((l) => l.title),
      ['$(play) Run probe in 2 containers', 'web-1: $(pass) exit 0 · 23 ms', 'web-2: $(error) exit 127 · sh: curl: not found', '$(lightbulb) Replace with a check that works here'],
    );
    assert.equal(lenses[1].command, COMMAND.showLog);
  });

  it('while probing, the run lens spins and cannot be clicked again', () => {
    const [first] = serviceLenses(input(file({ running: [running('c1')] }), { run: { running: true, runs: [] } }));
    assert.deepEqual([first.title, first.command], ['$(sync~spin) Probing…', undefined]);
  });

  it('no running container: offers to start the service and never runs on the host', () => {
    const lenses = serviceLenses(input(file({ stopped: [{ id: 's', name: 's', state: 'exited', labels: {} }] })));
    assert.deepEqual(lenses.map((l) => l.title), ['$(play) Run probe', '$(debug-disconnect) no running container · Start service']);
    assert.equal(lenses[1].command, COMMAND.startService);
    assert.match(lenses[1].tooltip ?? '', /^1 container not running \(exited\)\. .*never on this machine/);
  });

  it('drift adds a Recreate lens explaining what changed', () => {
    const lenses = serviceLenses(input(file({ running: [running('c1', { drift: [{ field: 'interval', container: '30s', file: '5s' }] })] })));
    const drift = lenses[lenses.length - 1];
    assert.equal(drift.title, '$(history) container runs an older healthcheck · Recreate');
    assert.equal(drift.command, COMMAND.recreateService);
    assert.match(drift.tooltip ?? '', /interval 30s → 5s/);
  });

  it('a disabled check says so and offers no run', () => {
    assert.deepEqual(titles(input(file({ check: { kind: 'nothing', reason: 'disabled', message: 'healthcheck disabled: Docker runs no probe' } }))), [
      '$(circle-slash) healthcheck disabled: Docker runs no probe',
    ]);
  });

  it("timing keys without test: the run lens says the command is the image's", () => {
    const c = running('c1', { plan: okPlan(['pg_isready'], true) });
    const [run] = serviceLenses(input(file({ check: { kind: 'image-command' }, running: [c] })));
    assert.equal(run.title, "$(play) Run probe · the image's command");
    assert.match(run.tooltip ?? '', /\["pg_isready"\].*HEALTHCHECK/);
  });

  it('an unreachable engine is shown next to the run lens', () => {
    const lenses = serviceLenses(input({ ok: false, message: 'Docker is not reachable (connect ENOENT).' }));
    assert.deepEqual(lenses.map((l) => [l.title, l.tooltip !== undefined]), [
      ['$(play) Run probe', true],
      ['$(warning) Docker not reachable', true],
    ]);
  });

  it('an unhealthy container says why its last probe failed, in a word in the title and with advice in the tooltip', () => {
    const c = running('c1');
    c.container.health = {
      status: 'unhealthy',
      failingStreak: 3,
      log: [{ start: '', end: '2026-01-01T00:00:07Z', exitCode: 1, output: "wget: can't connect to remote host (127.0.0.1): Connection refused\n" }],
    };
    const [, live] = serviceLenses(input(file({ running: [c] })));
    assert.equal(live.title, '$(error) unhealthy · connection refused · last probe 3 s ago');
    assert.match(live.tooltip ?? '', /: connection refused — the app is not listening on that port yet/);
  });

  it('a failed run says why in its tooltip', () => {
    const lens = outcomeLens({ kind: 'result', exitCode: 1, output: 'curl: (22) The requested URL returned error: 503\n', durationMs: 4, timedOut: false });
    assert.match(lens.tooltip ?? '', /^Unhealthy: exit 1 after 4 ms\. HTTP 503: the app answered HTTP 503 — it is up but reports an error\./);
  });

  it('exit 2 is called out as reserved, a timeout shows its message', () => {
    assert.match(outcomeLens({ kind: 'result', exitCode: 2, output: 'x', durationMs: 1, timedOut: false }).tooltip ?? '', /2 is reserved/);
    assert.equal(
      outcomeLens({ kind: 'result', exitCode: -1, output: 'Health check exceeded timeout (1s)', durationMs: 1000, timedOut: true }).title,
      '$(error) exit -1 · Health check exceeded timeout (1s)',
    );
  });

  it('a stopped probe whose process may still run says so in the title and, with the reason, in the tooltip', () => {
    const reason = 'the engine at tcp://build:2376 runs on another machine, whose process IDs this machine cannot see';
    const timedOut = outcomeLens({ kind: 'result', exitCode: -1, output: 'Health check exceeded timeout (1s)', durationMs: 1000, timedOut: true, lingering: reason });
    assert.equal(timedOut.title, '$(error) exit -1 · Health check exceeded timeout (1s) · $(warning) may still be running');
    assert.match(timedOut.tooltip ?? '', /Warning: The probe's process may still be running in the container; the Engine API cannot end it \(the engine at tcp:\/\/build:2376 runs on another machine/);
    const cancelled = outcomeLens({ kind: 'cancelled', durationMs: 5, lingering: reason });
    assert.equal(cancelled.title, '$(circle-slash) probe cancelled · $(warning) may still be running');
    assert.match(cancelled.tooltip ?? '', /the Engine API cannot end it/);
    assert.doesNotMatch(outcomeLens({ kind: 'cancelled', durationMs: 5 }).tooltip ?? '', /may still be running/);
  });

  describe('a service deployed as a Swarm stack', () => {
    const task = (health: SwarmTask['health']): SwarmTask => ({ id: 't1', serviceId: 's1', name: 'shop_web.1', desiredState: 'running', state: 'running', health });
    const stack = (extra: Partial<NonNullable<ServiceState['stack']>> = {}): NonNullable<ServiceState['stack']> => ({ stacks: ['shop'], pending: [], elsewhere: [], ...extra });

    it("shows the task container's health from the Swarm model (the health store follows Compose containers only)", () => {
      const c = running('c1', { task: task('unhealthy') });
      c.container.health = { status: 'healthy', failingStreak: 0, log: [] };
      assert.deepEqual(titles(input(file({ running: [c], stack: stack() }))), ['$(play) Run probe', '$(error) unhealthy']);
    });

    it('with every task on other nodes: where they run, and neither a probe target nor Start', () => {
      const lenses = serviceLenses(input(file({ stack: stack({ elsewhere: [{ task: 'shop_web.1', node: 'node-2' }] }) })));
      assert.deepEqual(
        lenses.map((l) => l.title),
        ['$(play) Run probe', '$(remote) 1 task on another node (node-2), none on this node'],
      );
      assert.match(lenses[1].tooltip!, /^shop_web\.1 runs on node-2\. A probe runs only inside a task container on this engine's node.*Deployed as stack shop; update it with docker stack deploy\.$/);
      assert.equal(lenses[1].command, undefined);
    });

    it("beside this node's task container, the tasks on other nodes are named and not probed", () => {
      const lenses = serviceLenses(
        input(file({ running: [running('c1', { task: task('healthy') })], stack: stack({ elsewhere: [{ task: 'shop_web.2', node: 'a' }, { task: 'shop_web.3', node: 'b (down)' }] }) })),
      );
      assert.deepEqual(lenses.map((l) => l.title), ['$(play) Run probe', '$(pass) healthy', '$(remote) 2 tasks on other nodes (a, b (down))']);
    });

    it('a task on its way, or none wanted, says so', () => {
      assert.deepEqual(titles(input(file({ stack: stack({ pending: [{ task: 'shop_web.1', state: 'preparing' }] }) })))[1], '$(sync) stack shop: shop_web.1 preparing');
      assert.deepEqual(titles(input(file({ stack: stack() })))[1], '$(debug-disconnect) stack shop: no task running');
      const rejected = serviceLenses(input(file({ stack: stack({ pending: [{ task: 'shop_web.1', state: 'rejected', error: 'No such image: app:2' }] }) })))[1];
      assert.equal(rejected.title, '$(warning) stack shop: shop_web.1 rejected');
      assert.match(rejected.tooltip!, /^shop_web\.1: No such image: app:2\. Swarm has not started/);
    });

    it('drift asks for docker stack deploy, not a Compose recreate', () => {
      const lenses = serviceLenses(input(file({ running: [running('c1', { task: task('healthy'), drift: [{ field: 'interval', container: '30s', file: '5s' }] })], stack: stack() })));
      const drift = lenses[lenses.length - 1];
      assert.equal(drift.title, '$(history) container runs an older healthcheck · deployed as stack shop; update it with docker stack deploy');
      assert.equal(drift.command, undefined);
      assert.ok(!lenses.some((l) => l.command === COMMAND.startService || l.command === COMMAND.recreateService));
    });
  });
});

