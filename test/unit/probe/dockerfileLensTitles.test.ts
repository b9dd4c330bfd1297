import * as assert from 'node:assert/strict';
import { COMMAND } from '../../../src/commands/ids';
import { loadCompose } from '../../../src/core/compose/load';
import { parseDockerfile } from '../../../src/core/dockerfile/parse';
import type { LabelledContainer } from '../../../src/core/engine/types';
import { dockerfileLensTargets, type DockerfileLensTarget } from '../../../src/core/probe/dockerfileTargets';
import { dockerfileLenses, type DockerfileLensInput } from '../../../src/probe/dockerfileLensTitles';

function target(dockerfile: string, composeText: string): DockerfileLensTarget {
  const model = loadCompose(composeText, { fileName: '/p/compose.yaml', env: {} });
  const [found] = dockerfileLensTargets('/p/Dockerfile', parseDockerfile(dockerfile), [{ file: '/p/compose.yaml', model }]);
  assert.ok(found, 'the HEALTHCHECK has a target');
  return found;
}
const c = (id: string, state = 'running'): LabelledContainer => ({ id, name: id, state, labels: {} });
const one = target('FROM alpine\nHEALTHCHECK CMD curl -f http://localhost/\n', 'services:\n  web:\n    build: .\n');
const two = target('FROM alpine\nHEALTHCHECK CMD curl -f http://localhost/\n', 'services:\n  web:\n    build: .\n  worker:\n    build: .\n');
const input = (t: DockerfileLensTarget, byService: LabelledContainer[][], extra: Partial<DockerfileLensInput> = {}): DockerfileLensInput => ({
  target: t,
  containers: { ok: true, byService },
  run: undefined,
  ...extra,
});

describe('CodeLens titles on a Dockerfile HEALTHCHECK', () => {
  it('a running container: Run probe, which takes the Dockerfile and the HEALTHCHECK, and says what runs', () => {
    const [run, ...rest] = dockerfileLenses(input(one, [[c('web-1')]]));
    assert.deepEqual([run.title, run.command, run.probeArgs, rest], ['$(play) Run probe', COMMAND.runDockerfileProbe, true, []]);
    assert.match(run.tooltip ?? '', /as written here \(\["CMD-SHELL","curl -f http:\/\/localhost\/"\]\) inside a running container of web/);
  });

  it('after a run: the outcome in place, its log one click away; replicas named', () => {
    const lenses = dockerfileLenses(
      input(one, [[c('web-1'), c('web-2')]], {
        run: {
          running: false,
          runs: [
            { containerId: 'web-1', containerName: 'web-1', argv: [], outcome: { kind: 'result', exitCode: 0, output: '', durationMs: 12.2, timedOut: false } },
            { containerId: 'web-2', containerName: 'web-2', argv: [], outcome: { kind: 'result', exitCode: 127, output: 'sh: curl: not found\n', durationMs: 4, timedOut: false } },
          ],
        },
      }),
    );
    assert.deepEqual(lenses.map((l) => l.title), ['$(play) Run probe in 2 containers', 'web-1: $(pass) exit 0 · 12 ms', 'web-2: $(error) exit 127 · sh: curl: not found']);
    assert.equal(lenses[1].command, COMMAND.showLog);
  });

  it('no running container: says so and offers to start the service from its compose file, one lens per service', () => {
    const [run, start] = dockerfileLenses(input(one, [[c('web-1', 'exited')]]));
    assert.equal(run.title, '$(play) Run probe');
    assert.equal(start.title, '$(debug-disconnect) no running container · Start web');
    assert.deepEqual([start.command, start.start], [COMMAND.startService, { composeFile: '/p/compose.yaml', service: 'web' }]);
    assert.match(start.tooltip ?? '', /^1 container of web not running \(exited\)\. .*never on this machine/);
    assert.deepEqual(dockerfileLenses(input(two, [[], []])).slice(1).map((l) => l.title), [
      '$(debug-disconnect) no running container of web · Start web',
      '$(debug-disconnect) no running container of worker · Start worker',
    ]);
  });

  it('several services with containers: one Run probe that asks which', () => {
    assert.equal(dockerfileLenses(input(two, [[c('w')], [c('k')]]))[0].title, '$(play) Run probe · pick a service');
  });

  it('HEALTHCHECK NONE and a refused instruction: a label that says why, nothing to click', () => {
    for (const text of ['FROM alpine\nHEALTHCHECK NONE\n', 'FROM alpine\nHEALTHCHECK --retries=-1 CMD true\n']) {
      const lenses = dockerfileLenses(input(target(text, 'services:\n  web:\n    build: .\n'), [[c('web-1')]]));
      assert.equal(lenses.length, 1);
      assert.match(lenses[0].title, /^\$\(circle-slash\) (HEALTHCHECK NONE|BuildKit refuses)/);
      assert.equal(lenses[0].command, undefined);
    }
  });

  it('while probing the run lens spins; Docker unreachable is said next to it', () => {
    assert.deepEqual(dockerfileLenses(input(one, [[c('w')]], { run: { running: true, runs: [] } })).map((l) => [l.title, l.command]), [['$(sync~spin) Probing…', undefined]]);
    const lenses = dockerfileLenses({ target: one, containers: { ok: false, message: 'Docker is not reachable (x).' }, run: undefined });
    assert.deepEqual(lenses.map((l) => l.title), ['$(play) Run probe', '$(warning) Docker not reachable']);
  });

  it('notes when the compose file replaces the test for a service', () => {
    const t = target('FROM alpine\nHEALTHCHECK CMD true\n', 'services:\n  web:\n    build: .\n    healthcheck:\n      test: ["CMD", "false"]\n');
    assert.match(dockerfileLenses(input(t, [[c('w')]]))[0].tooltip ?? '', /the compose healthcheck's test replaces this one for web \(compose\.yaml\)/);
  });
});
