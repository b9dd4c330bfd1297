import * as assert from 'node:assert/strict';
import { upForFile, upFromLabels } from '../../../src/core/probe/composeCli';

describe('compose up -d invocations (argv, never a shell line)', () => {
  it('recreate uses the project, files and env file recorded on the container', () => {
    const labels = {
      'com.docker.compose.project': 'shop',
      'com.docker.compose.project.config_files': '/src/shop/compose.yaml,/src/shop/compose.dev.yaml',
      'com.docker.compose.project.working_dir': '/src/shop',
      'com.docker.compose.project.environment_file': '/src/shop/.env',
    };
    assert.deepEqual(upFromLabels(labels, 'web; rm -rf /', '/elsewhere'), {
      args: ['-p', 'shop', '-f', '/src/shop/compose.yaml', '-f', '/src/shop/compose.dev.yaml', '--env-file', '/src/shop/.env', 'up', '-d', 'web; rm -rf /'],
      cwd: '/src/shop',
    });
  });

  it('starting from a default-named file runs in its folder without -f, so its override applies', () => {
    assert.deepEqual(upForFile('/src/shop/compose.yaml', 'web'), { args: ['up', '-d', 'web'], cwd: '/src/shop' });
  });

  it('starting from another file names it with -f', () => {
    assert.deepEqual(upForFile('/src/shop/compose.prod.yml', 'web'), { args: ['-f', '/src/shop/compose.prod.yml', 'up', '-d', 'web'], cwd: '/src/shop' });
  });
});
