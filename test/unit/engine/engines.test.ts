import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { EngineAddressInputs } from '../../../src/core/engine/address';
import { dockerContexts, engineList } from '../../../src/core/engine/engines';

function inputs(files: Record<string, string>, env: Record<string, string> = {}, setting?: string): EngineAddressInputs {
  return { setting, env, homeDir: '/home/u', platform: 'linux', readFile: (f) => files[f], exists: (f) => f in files };
}

const id = (name: string) => createHash('sha256').update(name).digest('hex');
const metaFile = (name: string) => `/home/u/.docker/contexts/meta/${id(name)}/meta.json`;
const meta = (name: string, host: string, description?: string) => JSON.stringify({ Name: name, Metadata: description ? { Description: description } : {}, Endpoints: { docker: { Host: host } } });

describe('the engines of composeHealth.engines', () => {
  it('an empty list is the one engine found as the Docker CLI finds it (the setting, DOCKER_HOST, the current context)', () => {
    const list = engineList([], inputs({}, { DOCKER_HOST: 'tcp://env:2375' }));
    assert.deepEqual(
      list.engines.map((e) => [e.id, e.written]),
      [['tcp://env:2375', '']],
    );
    assert.deepEqual(engineList(undefined, inputs({}, {}, 'unix:///run/podman/podman.sock')).engines.map((e) => e.id), ['unix:///run/podman/podman.sock']);
  });

  it('takes addresses and context names in the order written, each resolved to its address', () => {
    const files = { [metaFile('staging')]: meta('staging', 'ssh://me@staging') };
    const list = engineList(['unix:///var/run/docker.sock', 'staging', 'tcp://build:2376'], inputs(files));
    assert.deepEqual(
      list.engines.map((e) => e.id),
      ['unix:///var/run/docker.sock', 'ssh://me@staging', 'tcp://build:2376'],
    );
    const staging = list.engines[1].resolve(inputs(files));
    assert.ok(staging.ok);
    assert.deepEqual(staging.address.source, { kind: 'context', name: 'staging', origin: 'engines' });
    assert.deepEqual(list.collapsed, []);
  });

  it('collapses entries that reach the same address into the first, with one line saying so', () => {
    const files = { [metaFile('local')]: meta('local', 'unix:///var/run/docker.sock') };
    const list = engineList(['unix:///var/run/docker.sock', 'local', 'default', 'build:2375', 'tcp://build:2375/'], inputs(files));
    assert.deepEqual(
      list.engines.map((e) => [e.id, e.written]),
      [
        ['unix:///var/run/docker.sock', 'unix:///var/run/docker.sock'],
        ['tcp://build:2375', 'build:2375'],
      ],
    );
    assert.equal(list.collapsed.length, 3);
    assert.match(list.collapsed[0], /"local" reaches unix:\/\/\/var\/run\/docker\.sock, as "unix:\/\/\/var\/run\/docker\.sock" does; it is shown once/);
  });

  it('keeps a context that no longer exists as its own engine, whose connection says what is missing and what to do', () => {
    const list = engineList(['unix:///var/run/docker.sock', 'gone'], inputs({}));
    assert.deepEqual(
      list.engines.map((e) => e.id),
      ['unix:///var/run/docker.sock', 'context:gone'],
    );
    const resolved = list.engines[1].resolve(inputs({}));
    assert.equal(resolved.ok, false);
    assert.match(!resolved.ok ? resolved.error : '', /Docker context "gone" \(from composeHealth\.engines\) does not exist: .*Run `docker context ls`, or remove it from composeHealth\.engines/);
  });

  it('ignores blank entries', () => {
    assert.deepEqual(
      engineList(['  ', ''], inputs({})).engines.map((e) => e.id),
      ['unix:///var/run/docker.sock'],
    );
  });

  it('lists the contexts of the CLI store by name, with default first', () => {
    const files = { [metaFile('b')]: meta('b', 'tcp://b:2375'), [metaFile('a')]: meta('a', 'ssh://a', 'the staging box'), '/home/u/.docker/contexts/meta/broken/meta.json': '{' };
    const dirs = (dir: string) => (dir === '/home/u/.docker/contexts/meta' ? [id('b'), id('a'), 'broken'] : []);
    assert.deepEqual(dockerContexts(inputs(files), dirs), [
      { name: 'default', host: 'unix:///var/run/docker.sock', description: 'DOCKER_HOST, else the platform default' },
      { name: 'a', host: 'ssh://a', description: 'the staging box' },
      { name: 'b', host: 'tcp://b:2375' },
    ]);
  });
});
