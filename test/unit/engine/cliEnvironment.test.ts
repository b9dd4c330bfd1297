import * as assert from 'node:assert/strict';
import { dockerCliEnvironment } from '../../../src/core/engine/cliEnvironment';

describe('dockerCliEnvironment', () => {
  it('passes an address chosen by the setting as DOCKER_HOST, which the CLI prefers over contexts', () => {
    assert.deepEqual(dockerCliEnvironment({ url: 'unix:///run/podman/podman.sock', source: { kind: 'setting' } }), { DOCKER_HOST: 'unix:///run/podman/podman.sock' });
    assert.deepEqual(dockerCliEnvironment({ url: 'tcp://10.0.0.5:2376', source: { kind: 'setting' }, tls: { verify: true } }), { DOCKER_HOST: 'tcp://10.0.0.5:2376' });
  });

  it('spells out tcp:// for a bare host:port from the setting', () => {
    assert.deepEqual(dockerCliEnvironment({ url: '10.0.0.5:2375', source: { kind: 'setting' } }), { DOCKER_HOST: 'tcp://10.0.0.5:2375' });
  });

  it('adds nothing when the CLI resolves the same address from the inherited environment', () => {
    assert.deepEqual(dockerCliEnvironment({ url: 'tcp://env:2375', source: { kind: 'env' } }), {});
    assert.deepEqual(dockerCliEnvironment({ url: 'unix:///home/u/.colima/docker.sock', source: { kind: 'context', name: 'colima', origin: 'config' } }), {});
    assert.deepEqual(dockerCliEnvironment({ url: 'unix:///var/run/docker.sock', source: { kind: 'default' } }), {});
  });
});
