import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describeAddressSource, resolveEngineAddress, type EngineAddressInputs } from '../../../src/core/engine/address';
import { dockerodeOptions } from '../../../src/core/engine/dockerodeOptions';

function inputs(files: Record<string, string>, env: Record<string, string> = {}, setting?: string, platform: NodeJS.Platform = 'linux'): EngineAddressInputs {
  return {
    setting,
    env,
    homeDir: '/home/u',
    platform,
    readFile: (f) => files[f],
    exists: (f) => f in files,
  };
}

const id = (name: string) => createHash('sha256').update(name).digest('hex');
const meta = (name: string, host: string, skip = false) => JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: skip } } });

describe('engine address resolution', () => {
  it('uses the setting before DOCKER_HOST and any context', () => {
    const r = resolveEngineAddress(inputs({ '/home/u/.docker/config.json': '{"currentContext":"x"}' }, { DOCKER_HOST: 'tcp://env:2375' }, 'unix:///run/podman/podman.sock'));
    assert.deepEqual(r, { ok: true, address: { url: 'unix:///run/podman/podman.sock', source: { kind: 'setting' } } });
  });

  it('uses DOCKER_HOST, and the CLI ignores contexts when it is set', () => {
    const r = resolveEngineAddress(inputs({ '/home/u/.docker/config.json': '{"currentContext":"remote"}' }, { DOCKER_HOST: 'tcp://10.0.0.5:2375', DOCKER_CONTEXT: 'remote' }));
    assert.ok(r.ok);
    assert.equal(r.address.url, 'tcp://10.0.0.5:2375');
    assert.equal(r.address.source.kind, 'env');
    assert.equal(r.address.tls, undefined);
  });

  it('turns on verified TLS from DOCKER_TLS_VERIFY with certificates from DOCKER_CERT_PATH', () => {
    const files = { '/certs/ca.pem': 'ca', '/certs/cert.pem': 'c', '/certs/key.pem': 'k' };
    const r = resolveEngineAddress(inputs(files, { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }));
    assert.ok(r.ok);
    assert.deepEqual(r.address.tls, { verify: true, caFile: '/certs/ca.pem', certFile: '/certs/cert.pem', keyFile: '/certs/key.pem' });
  });

  it('looks for TLS certificates in ~/.docker when DOCKER_CERT_PATH is not set', () => {
    const r = resolveEngineAddress(inputs({ '/home/u/.docker/ca.pem': 'ca' }, { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' }));
    assert.ok(r.ok);
    assert.deepEqual(r.address.tls, { verify: true, caFile: '/home/u/.docker/ca.pem' });
  });

  it('resolves DOCKER_CONTEXT through meta/<sha256 of the name>/meta.json', () => {
    const files = { [`/home/u/.docker/contexts/meta/${id('colima')}/meta.json`]: meta('colima', 'unix:///home/u/.colima/default/docker.sock') };
    const r = resolveEngineAddress(inputs(files, { DOCKER_CONTEXT: 'colima' }));
    assert.deepEqual(r, { ok: true, address: { url: 'unix:///home/u/.colima/default/docker.sock', source: { kind: 'context', name: 'colima', origin: 'DOCKER_CONTEXT' } } });
  });

  it('falls back to currentContext in config.json, honouring DOCKER_CONFIG', () => {
    const files = {
      '/cfg/config.json': JSON.stringify({ auths: {}, currentContext: 'desktop-linux' }),
      [`/cfg/contexts/meta/${id('desktop-linux')}/meta.json`]: meta('desktop-linux', 'unix:///home/u/.docker/desktop/docker.sock'),
    };
    const r = resolveEngineAddress(inputs(files, { DOCKER_CONFIG: '/cfg' }));
    assert.ok(r.ok);
    assert.equal(r.address.url, 'unix:///home/u/.docker/desktop/docker.sock');
    assert.deepEqual(r.address.source, { kind: 'context', name: 'desktop-linux', origin: 'config' });
  });

  it("takes a context's TLS files from contexts/tls/<id>/docker and its SkipTLSVerify", () => {
    const dir = `/home/u/.docker/contexts/tls/${id('prod')}/docker`;
    const files = {
      [`/home/u/.docker/contexts/meta/${id('prod')}/meta.json`]: meta('prod', 'tcp://prod:2376', true),
      [`${dir}/ca.pem`]: 'ca',
      [`${dir}/cert.pem`]: 'c',
      [`${dir}/key.pem`]: 'k',
    };
    const r = resolveEngineAddress(inputs(files, { DOCKER_CONTEXT: 'prod' }));
    assert.ok(r.ok);
    assert.deepEqual(r.address.tls, { verify: false, caFile: `${dir}/ca.pem`, certFile: `${dir}/cert.pem`, keyFile: `${dir}/key.pem` });
  });

  it('treats the context named "default" and no context at all as the platform default', () => {
    const linux = resolveEngineAddress(inputs({ '/home/u/.docker/config.json': '{"currentContext":"default"}' }));
    assert.deepEqual(linux, { ok: true, address: { url: 'unix:///var/run/docker.sock', source: { kind: 'default' } } });
    const windows = resolveEngineAddress(inputs({}, {}, undefined, 'win32'));
    assert.ok(windows.ok);
    assert.equal(windows.address.url, 'npipe:////./pipe/docker_engine');
  });

  it('says which context is missing and what to run', () => {
    const r = resolveEngineAddress(inputs({}, { DOCKER_CONTEXT: 'gone' }));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /Docker context "gone" \(from DOCKER_CONTEXT\) does not exist: .*meta\.json is missing\. Run `docker context ls`/);
  });

  it('reports a config.json that is not JSON instead of throwing', () => {
    const r = resolveEngineAddress(inputs({ '/home/u/.docker/config.json': '{oops' }));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /Cannot read \/home\/u\/\.docker\/config\.json: .*Fix the JSON/);
  });

  it('ignores a blank setting', () => {
    const r = resolveEngineAddress(inputs({}, { DOCKER_HOST: 'unix:///tmp/d.sock' }, '   '));
    assert.ok(r.ok);
    assert.equal(r.address.source.kind, 'env');
    assert.equal(describeAddressSource(r.address.source), 'DOCKER_HOST');
  });
});

describe('dockerode options for an address', () => {
  const read = (f: string) => Buffer.from(`<${f}>`);
  const blank = { socketPath: undefined, host: undefined, port: undefined, protocol: undefined, ca: undefined, cert: undefined, key: undefined };

  it('maps unix:// and npipe:// to a socket path and blanks every other field so DOCKER_HOST cannot leak in', () => {
    assert.deepEqual(dockerodeOptions({ url: 'unix:///var/run/docker.sock', source: { kind: 'default' } }, {}, read), { ok: true, options: { ...blank, socketPath: '/var/run/docker.sock' } });
    assert.deepEqual(dockerodeOptions({ url: 'npipe:////./pipe/docker_engine', source: { kind: 'default' } }, {}, read), { ok: true, options: { ...blank, socketPath: '//./pipe/docker_engine' } });
  });

  it('maps tcp:// to http on 2375 and, with TLS, https on 2376 with the certificate files read', () => {
    assert.deepEqual(dockerodeOptions({ url: 'tcp://h', source: { kind: 'env' } }, {}, read), { ok: true, options: { ...blank, protocol: 'http', host: 'h', port: 2375 } });
    const tls = dockerodeOptions({ url: 'tcp://h', source: { kind: 'env' }, tls: { verify: true, caFile: '/c/ca.pem', certFile: '/c/cert.pem', keyFile: '/c/key.pem' } }, {}, read);
    assert.ok(tls.ok);
    assert.equal(tls.options.protocol, 'https');
    assert.equal(tls.options.port, 2376);
    assert.equal(String(tls.options.ca), '</c/ca.pem>');
    assert.equal(String(tls.options.key), '</c/key.pem>');
  });

  it('maps ssh:// to dockerode ssh with the user, the SSH agent socket and a host-key check against known_hosts', () => {
    const hostKey = Buffer.from('host key blob');
    const knownHosts = `[build.example]:2222 ssh-rsa ${hostKey.toString('base64')}\n`;
    const r = dockerodeOptions({ url: 'ssh://deploy@build.example:2222', source: { kind: 'setting' } }, { SSH_AUTH_SOCK: '/tmp/agent' }, read, knownHosts);
    assert.ok(r.ok);
    assert.equal(r.options.protocol, 'ssh');
    assert.equal(r.options.host, 'build.example');
    assert.equal(r.options.port, '2222');
    assert.equal(r.options.username, 'deploy');
    const ssh = r.options.sshOptions!;
    assert.equal(ssh.agent, '/tmp/agent');
    const verify = ssh.hostVerifier as (key: Buffer) => boolean;
    assert.equal(verify(hostKey), true);
    assert.equal(verify(Buffer.from('another key')), false);
    // The RSA key known for this host is asked for first, so the host does not present another type.
    assert.deepEqual((ssh.algorithms?.serverHostKey as string[]).slice(0, 3), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  });

  it('refuses ssh:// without an ssh-agent, saying what to start', () => {
    const r = dockerodeOptions({ url: 'ssh://deploy@build.example', source: { kind: 'env' } }, {}, read);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /^Cannot sign in to ssh:\/\/deploy@build\.example: no ssh-agent \(SSH_AUTH_SOCK is not set\)\..*`ssh-add`/);
  });

  it('rejects other schemes with the ones it supports', () => {
    const r = dockerodeOptions({ url: 'http://h:2375', source: { kind: 'setting' } }, {}, read);
    assert.deepEqual(r, { ok: false, error: 'Unsupported Docker address http://h:2375: use unix://, tcp://, npipe:// or ssh://.' });
  });

  it('reports unreadable certificates instead of throwing', () => {
    const r = dockerodeOptions({ url: 'tcp://h:2376', source: { kind: 'env' }, tls: { verify: true, caFile: '/missing/ca.pem' } }, {}, () => {
      throw new Error('ENOENT: no such file');
    });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /Cannot read the TLS certificates for tcp:\/\/h:2376: ENOENT/);
  });
});
