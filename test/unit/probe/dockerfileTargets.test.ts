import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import { parseDockerfile } from '../../../src/core/dockerfile/parse';
import type { LabelledContainer } from '../../../src/core/engine/types';
import { composeTiming, containersOfService, dockerfileLensTargets, targetAt, type ComposeFileModel } from '../../../src/core/probe/dockerfileTargets';
import { planProbe } from '../../../src/core/probe/plan';
import { container } from './fakeEngine';

const DOCKERFILE = '/p/app/Dockerfile';

function compose(file: string, text: string): ComposeFileModel {
  return { file, model: loadCompose(text, { fileName: file, env: {} }) };
}

/** The targets as (line of the HEALTHCHECK, services) pairs, for readable assertions. */
function targets(dockerfile: string, files: ComposeFileModel[], path = DOCKERFILE): { line: number; services: string[]; check: string }[] {
  const model = parseDockerfile(dockerfile);
  return dockerfileLensTargets(path, model, files).map((t) => ({
    line: dockerfile.slice(0, t.instruction.keyword.start).split('\n').length,
    services: t.services.map((s) => s.service.name),
    check: t.check.kind === 'command' ? JSON.stringify(t.check.spec.test) : t.check.message,
  }));
}

const oneStage = 'FROM alpine\nHEALTHCHECK CMD true\nHEALTHCHECK --timeout=3s CMD wget -q -O- http://127.0.0.1/ || exit 1\n';

describe('Dockerfile lens model: which HEALTHCHECKs get a lens, for which services', () => {
  it('only the last HEALTHCHECK of the built stage counts, for the service whose build names this file', () => {
    const files = [compose('/p/compose.yaml', 'services:\n  web:\n    build: ./app\n  db:\n    image: postgres\n')];
    assert.deepEqual(targets(oneStage, files), [{ line: 3, services: ['web'], check: '["CMD-SHELL","wget -q -O- http://127.0.0.1/ || exit 1"]' }]);
  });

  it('a Dockerfile that no compose service builds (another file, another folder, no build) gets no lens', () => {
    const files = [
      compose('/p/compose.yaml', 'services:\n  web:\n    build: {context: ./app, dockerfile: Dockerfile.dev}\n  other:\n    build: ./other\n  img:\n    image: app\n'),
    ];
    assert.deepEqual(targets(oneStage, files), []);
  });

  it('build.target picks the stage; a HEALTHCHECK in a stage it is built from counts (its image inherits it); other stages get none', () => {
    const text = [
      'FROM alpine AS base',
      'HEALTHCHECK CMD echo base',
      'FROM base AS api',
      'FROM alpine AS worker',
      'HEALTHCHECK CMD echo worker',
      'FROM alpine AS final',
      'HEALTHCHECK CMD echo final',
      '',
    ].join('\n');
    const files = [
      compose('/p/compose.yaml', 'services:\n  api:\n    build: {context: ./app, target: api}\n  site:\n    build: ./app\n  missing:\n    build: {context: ./app, target: nope}\n'),
    ];
    assert.deepEqual(targets(text, files), [
      { line: 2, services: ['api'], check: '["CMD-SHELL","echo base"]' },
      { line: 7, services: ['site'], check: '["CMD-SHELL","echo final"]' },
    ]);
  });

  it('several services in several compose files built from one Dockerfile share its lens, in file order', () => {
    const files = [
      compose('/p/compose.yaml', 'services:\n  web:\n    build: ./app\n  worker:\n    build: {context: ., dockerfile: app/Dockerfile}\n'),
      compose('/p/ops/compose.yaml', 'services:\n  admin:\n    build: ../app\n'),
    ];
    assert.deepEqual(targets('FROM alpine\nHEALTHCHECK CMD ["true"]\n', files)[0].services, ['web', 'worker', 'admin']);
  });

  it('HEALTHCHECK NONE and an instruction BuildKit refuses get a lens that says why nothing runs', () => {
    const files = [compose('/p/compose.yaml', 'services:\n  web:\n    build: ./app\n')];
    assert.match(targets('FROM alpine\nHEALTHCHECK NONE\n', files)[0].check, /^HEALTHCHECK NONE: the image has no check/);
    assert.match(targets('FROM alpine\nHEALTHCHECK --interval=30 CMD true\n', files)[0].check, /^BuildKit refuses this HEALTHCHECK/);
    assert.match(targets('FROM alpine\nHEALTHCHECK CMD-SHELL true\n', files)[0].check, /^BuildKit refuses/);
  });

  it('a stage from an image with no HEALTHCHECK written gets no lens (the base image decides)', () => {
    const files = [compose('/p/compose.yaml', 'services:\n  web:\n    build: ./app\n')];
    assert.deepEqual(targets('FROM alpine\nHEALTHCHECK CMD true\nFROM alpine\n', files), []);
  });

  it('targetAt finds a HEALTHCHECK by its keyword offset, and nothing once it moved', () => {
    const files = [compose('/p/compose.yaml', 'services:\n  web:\n    build: ./app\n')];
    const found = dockerfileLensTargets(DOCKERFILE, parseDockerfile(oneStage), files);
    const offset = oneStage.lastIndexOf('HEALTHCHECK');
    assert.equal(targetAt(found, offset), found[0]);
    assert.equal(targetAt(found, offset + 1), undefined);
  });
});

describe('Dockerfile lens model: what a probe runs and where', () => {
  it("the HEALTHCHECK's command with the compose timeout when compose sets one (Docker merges field by field), else its own", () => {
    const files = [compose('/p/compose.yaml', 'services:\n  web:\n    build: ./app\n    healthcheck:\n      timeout: 7s\n  plain:\n    build: ./app\n')];
    const [target] = dockerfileLensTargets(DOCKERFILE, parseDockerfile(oneStage), files);
    assert.equal(target.check.kind, 'command');
    const spec = target.check.kind === 'command' ? target.check.spec : {};
    const [web, plain] = target.services;
    const planned = planProbe(composeTiming(web.service), container('c1', { user: 'app', workingDir: '/srv' }), spec);
    assert.ok(planned.ok);
    assert.deepEqual([planned.plan.argv, planned.plan.user, planned.plan.workingDir, planned.plan.timeoutNs], [
      ['/bin/sh', '-c', 'wget -q -O- http://127.0.0.1/ || exit 1'],
      'app',
      '/srv',
      7e9,
    ]);
    const own = planProbe(composeTiming(plain.service), container('c2', { shell: ['/bin/ash', '-c'] }), spec);
    assert.ok(own.ok);
    assert.deepEqual([own.plan.argv[0], own.plan.timeoutNs], ['/bin/ash', 3e9]);
  });

  it("a compose test does not replace the Dockerfile's in the probe of the Dockerfile's lens", () => {
    const files = [compose('/p/compose.yaml', 'services:\n  web:\n    build: ./app\n    healthcheck:\n      test: ["CMD", "false"]\n')];
    const [target] = dockerfileLensTargets(DOCKERFILE, parseDockerfile('FROM alpine\nHEALTHCHECK CMD ["true"]\n'), files);
    const planned = planProbe(composeTiming(target.services[0].service), container('c1'), target.check.kind === 'command' ? target.check.spec : {});
    assert.ok(planned.ok);
    assert.deepEqual(planned.plan.argv, ['true']);
  });

  it("the service's containers are those Compose labelled for its project and service", () => {
    const files = [compose('/p/compose.yaml', 'name: shop\nservices:\n  web:\n    build: ./app\n')];
    const [target] = dockerfileLensTargets(DOCKERFILE, parseDockerfile(oneStage), files);
    const labelled = (id: string, project: string, service: string, state = 'running', dir = '/p'): LabelledContainer => ({
      id,
      name: id,
      state,
      labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.project.config_files': `${dir}/compose.yaml`, 'com.docker.compose.project.working_dir': dir },
    });
    const all = [labelled('a', 'shop', 'web'), labelled('b', 'shop', 'db'), labelled('c', 'other', 'web', 'running', '/q'), labelled('d', 'shop', 'web', 'exited')];
    assert.deepEqual(containersOfService(all, target.services[0]).map((c) => c.id), ['a', 'd']);
  });
});
