import * as assert from 'node:assert/strict';
import { isDockerfileName } from '../../../src/core/dockerfile/files';

describe('which files are Dockerfiles', () => {
  it('takes the names docker build, podman build and the Docker extension use', () => {
    for (const name of ['Dockerfile', 'Containerfile', 'Dockerfile.prod', 'Containerfile.dev', 'api.Dockerfile', 'web.dockerfile', 'x.containerfile', 'sub/dir/Dockerfile', 'C:\\src\\Dockerfile']) {
      assert.ok(isDockerfileName(name), name);
    }
  });
  it('leaves out files beside them that share the name: ignore files, notes, scripts, compose files', () => {
    for (const name of ['Dockerfile.dockerignore', 'Dockerfile.md', 'Dockerfile.sh', 'compose.yaml', 'Dockerfiles', 'MyDockerfile', 'dockerfile.yml']) {
      assert.ok(!isDockerfileName(name), name);
    }
  });
});
