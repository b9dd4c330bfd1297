import * as assert from 'node:assert/strict';
import type { LabelledContainer } from '../../../src/core/engine/types';
import { projectContainers } from '../../../src/core/probe/locator';

const c = (name: string, labels: Record<string, string>, state = 'running'): LabelledContainer => ({ id: name, name, state, labels });
const L = (project: string, service: string, files?: string, number = '1'): Record<string, string> => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.container-number': number,
  ...(files ? { 'com.docker.compose.project.config_files': files } : {}),
});

describe('finding a compose file’s containers by their labels', () => {
  const file = { file: '/src/app/compose.yaml', projectName: 'app', baseFiles: [] };
  const webOf = (containers: LabelledContainer[]) => projectContainers(containers, file).filter((x) => x.labels['com.docker.compose.service'] === 'web');

  it('matches containers whose config_files include the file, in container-number order', () => {
    const found = projectContainers(
      [
        c('app-web-2', L('app', 'web', '/src/app/compose.yaml,/src/app/compose.override.yaml', '2')),
        c('app-web-1', L('app', 'web', '/src/app/compose.yaml,/src/app/compose.override.yaml', '1')),
        c('app-db-1', L('app', 'db', '/src/app/compose.yaml')),
      ],
      file,
    );
    assert.deepEqual(found.map((x) => x.name), ['app-db-1', 'app-web-1', 'app-web-2']);
  });

  it('reads docker-compose v1 config_files, which are relative to the working_dir', () => {
    const labels = { ...L('chosen-by-env', 'web', 'compose.yaml'), 'com.docker.compose.project.working_dir': '/src/app' };
    assert.deepEqual(webOf([c('chosen-by-env_web_1', labels)]).map((x) => x.name), ['chosen-by-env_web_1']);
  });

  it('takes the project the file was started as, not another project named as the file would be', () => {
    const found = webOf([c('shop-web-1', L('shop', 'web', '/src/app/compose.yaml')), c('app-web-1', L('app', 'web', '/elsewhere/app/compose.yaml'))]);
    assert.deepEqual(found.map((x) => x.name), ['shop-web-1']);
  });

  it('counts a container of the same project made from a sibling file (docker compose ps in that folder lists it)', () => {
    assert.deepEqual(webOf([c('app-web-1', L('app', 'web', '/src/app/compose.prod.yaml'))]).map((x) => x.name), ['app-web-1']);
  });

  it('falls back to the project name when Compose ran from another path (a dev container)', () => {
    const found = webOf([c('app-web-1', L('app', 'web', '/workspaces/app/compose.yaml')), c('other-web-1', L('other', 'web'))]);
    assert.deepEqual(found.map((x) => x.name), ['app-web-1']);
  });
});
