import * as assert from 'node:assert/strict';
import type { ContainerSummary } from '../../../src/core/probe/engine';
import { composeProjectName, matchServiceContainers } from '../../../src/core/probe/locator';

const c = (name: string, labels: Record<string, string>, state = 'running'): ContainerSummary => ({ id: name, name, state, labels });
const L = (project: string, service: string, files?: string, number = '1'): Record<string, string> => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.container-number': number,
  ...(files ? { 'com.docker.compose.project.config_files': files } : {}),
});

describe('finding a compose service’s containers by their labels', () => {
  const target = { composeFile: '/src/app/compose.yaml', projectName: 'app', service: 'web' };

  it('matches containers whose config_files include the file, replicas in number order', () => {
    const found = matchServiceContainers(
      [
        c('app-web-2', L('app', 'web', '/src/app/compose.yaml,/src/app/compose.override.yaml', '2')),
        c('app-web-1', L('app', 'web', '/src/app/compose.yaml,/src/app/compose.override.yaml', '1')),
        c('app-db-1', L('app', 'db', '/src/app/compose.yaml')),
      ],
      target,
    );
    assert.deepEqual(found.map((x) => x.name), ['app-web-1', 'app-web-2']);
  });

  it('reads docker-compose v1 config_files, which are relative to the working_dir', () => {
    const labels = { ...L('chosen-by-env', 'web', 'compose.yaml'), 'com.docker.compose.project.working_dir': '/src/app' };
    assert.deepEqual(matchServiceContainers([c('chosen-by-env_web_1', labels)], target).map((x) => x.name), ['chosen-by-env_web_1']);
  });

  it('ignores a same-named service made from another file in the same folder', () => {
    assert.deepEqual(matchServiceContainers([c('app-web-1', L('app', 'web', '/src/app/compose.prod.yaml'))], target), []);
  });

  it('falls back to the project name when Compose ran from another path (a dev container)', () => {
    const found = matchServiceContainers([c('app-web-1', L('app', 'web', '/workspaces/app/compose.yaml')), c('other-web-1', L('other', 'web'))], target);
    assert.deepEqual(found.map((x) => x.name), ['app-web-1']);
  });

  it('derives the project name like Compose: env, then name:, then the normalised folder name', () => {
    assert.equal(composeProjectName('/src/My App.v2/compose.yaml', undefined, {}), 'myappv2');
    assert.equal(composeProjectName('/src/_x/compose.yaml', undefined, {}), 'x');
    assert.equal(composeProjectName('/src/app/compose.yaml', 'shop', {}), 'shop');
    assert.equal(composeProjectName('/src/app/compose.yaml', 'shop', { COMPOSE_PROJECT_NAME: 'ci' }), 'ci');
  });
});
