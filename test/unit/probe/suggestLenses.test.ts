import * as assert from 'node:assert/strict';
import { COMMAND } from '../../../src/commands/ids';
import { loadCompose } from '../../../src/core/compose/load';
import type { LabelledContainer } from '../../../src/core/engine/types';
import type { ComposeFileState, RunningContainer, ServiceState } from '../../../src/core/probe/serviceStates';
import { runningWithoutCheck } from '../../../src/core/probe/serviceStates';
import { isNotFound, serviceLenses, uncheckedServiceLenses, type ServiceLensInput } from '../../../src/probe/lensTitles';
import type { ContainerRun } from '../../../src/probe/probeResults';
import { container } from './fakeEngine';

const REPLACE = '$(lightbulb) Replace with a check that works here';
const running = (id: string, extra: Partial<RunningContainer> = {}): RunningContainer => ({
  container: container(id),
  plan: { ok: true, plan: { test: ['CMD', 'curl', '-f', 'http://127.0.0.1'], argv: ['curl', '-f', 'http://127.0.0.1'], user: '', workingDir: '', timeoutNs: 30e9, fromImage: false } },
  drift: [],
  ...extra,
});
const file = (svc: Partial<ServiceState>): ComposeFileState => ({
  ok: true,
  apiVersion: '1.41',
  flavor: 'docker',
  projects: ['app'],
  services: new Map([['web', { service: 'web', spec: {}, check: { kind: 'command', test: ['CMD', 'curl'] }, running: [], stopped: [], ...svc }]]),
});
const input = (f: ComposeFileState, extra: Partial<ServiceLensInput> = {}): ServiceLensInput => ({ service: 'web', file: f, run: undefined, live: () => undefined, now: new Date('2026-01-01T00:00:10Z'), ...extra });
const result = (exitCode: number, output: string): ContainerRun['outcome'] => ({ kind: 'result', exitCode, output, durationMs: 5, timedOut: false });
const probe = (exitCode: number, output: string) => ({ status: 'unhealthy', lastProbe: { end: new Date('2026-01-01T00:00:05Z'), exitCode, output } });

describe('"not found" failures: the probe\'s program is not in the container', () => {
  it('exit 127 (the shell could not find it) and exit -1 with the engine\'s exec error are "not found"', () => {
    assert.equal(isNotFound(127, 'sh: curl: not found'), true);
    assert.equal(isNotFound(127, ''), true);
    assert.equal(isNotFound(-1, 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown'), true);
    assert.equal(isNotFound(-1, 'crun: executable file `curl` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found'), true);
  });

  it('an ordinary failure, a timeout or exit 126 is not', () => {
    assert.equal(isNotFound(1, 'curl: (7) Failed to connect to 127.0.0.1 port 80'), false);
    assert.equal(isNotFound(-1, 'Health check exceeded timeout (1s)'), false);
    assert.equal(isNotFound(126, 'sh: /app/check: Permission denied'), false);
    assert.equal(isNotFound(0, 'not found'), false, 'a passing check whose output says "not found" passed');
  });
});

describe('the Replace lens above a healthcheck', () => {
  it("after Docker's last probe failed with not found", () => {
    const titles = serviceLenses(input(file({ running: [running('c1')] }), { live: () => probe(-1, 'exec: "curl": executable file not found in $PATH') })).map((l) => l.title);
    assert.deepEqual(titles.slice(-1), [REPLACE]);
    const lens = serviceLenses(input(file({ running: [running('c1')] }), { live: () => probe(127, 'sh: curl: not found') })).at(-1)!;
    assert.deepEqual([lens.command, lens.serviceArgs], [COMMAND.suggestHealthcheck, true]);
  });

  it('after the on-demand run failed with not found, even when Docker has not probed yet', () => {
    const run = { running: false, runs: [{ containerId: 'c1', containerName: 'c1', argv: ['curl'], outcome: result(127, 'sh: curl: not found\n') }] };
    assert.ok(serviceLenses(input(file({ running: [running('c1')] }), { run })).some((l) => l.title === REPLACE));
  });

  it('the latest on-demand run wins over an older Docker probe: a check fixed and run again passes', () => {
    const run = { running: false, runs: [{ containerId: 'c1', containerName: 'c1', argv: ['wget'], outcome: result(0, '') }] };
    const lenses = serviceLenses(input(file({ running: [running('c1')] }), { run, live: () => probe(127, 'sh: curl: not found') }));
    assert.ok(!lenses.some((l) => l.title === REPLACE));
  });

  it('not for an ordinary failure, nor without a running container', () => {
    assert.ok(!serviceLenses(input(file({ running: [running('c1')] }), { live: () => probe(1, 'HTTP 500') })).some((l) => l.title === REPLACE));
    assert.ok(!serviceLenses(input(file({ running: [] }))).some((l) => l.title === REPLACE));
  });

  it('read from the inspect result when no live source is wired', () => {
    const c = running('c1');
    c.container.health = { status: 'unhealthy', failingStreak: 3, log: [{ start: '', end: '2026-01-01T00:00:05Z', exitCode: 127, output: '/bin/sh: curl: not found' }] };
    assert.ok(serviceLenses(input(file({ running: [c] }))).some((l) => l.title === REPLACE));
  });
});

describe('the Suggest lens on a service without a healthcheck', () => {
  it('offered when a container runs and has no health status', () => {
    const lenses = uncheckedServiceLenses([{ id: 'c1' }], () => ({ status: 'none' }));
    assert.deepEqual(lenses.map((l) => [l.title, l.command, l.serviceArgs]), [['$(lightbulb) Suggest a healthcheck', COMMAND.suggestHealthcheck, true]]);
    assert.equal(uncheckedServiceLenses([{ id: 'c1' }], () => undefined).length, 1, 'a container the live source does not know yet');
  });

  it("not without a running container, nor when the image's HEALTHCHECK gives it a status", () => {
    assert.deepEqual(uncheckedServiceLenses([], () => undefined), []);
    assert.deepEqual(uncheckedServiceLenses([{ id: 'c1' }], () => ({ status: 'healthy' })), []);
  });
});

describe('running containers of services without a healthcheck, from the live list', () => {
  const yaml = `services:
  web:
    image: app
  api:
    image: app
    healthcheck:
      test: ["CMD", "true"]
  worker:
    image: app
`;
  const c = (id: string, service: string, state: string, project = 'shop'): LabelledContainer => ({
    id,
    name: id,
    state,
    labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.project.config_files': `/src/${project}/compose.yaml` },
  });

  it('only services the file writes no healthcheck for, only running containers, only the file\'s project', () => {
    const found = runningWithoutCheck('/src/shop/compose.yaml', loadCompose(yaml), [c('w1', 'web', 'running'), c('a1', 'api', 'running'), c('k1', 'worker', 'exited'), c('o1', 'web', 'running', 'other')]);
    assert.deepEqual([...found].map(([service, list]) => [service, list.map((x) => x.id)]), [['web', ['w1']]]);
  });

  it('nothing to look for in a file where every service has a healthcheck', () => {
    const all = 'services:\n  api:\n    image: app\n    healthcheck:\n      test: ["CMD", "true"]\n';
    assert.equal(runningWithoutCheck('/src/shop/compose.yaml', loadCompose(all), [c('a1', 'api', 'running')]).size, 0);
  });
});
