import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { hostKeyVerdict, knownHostName, preferredHostKeyAlgorithms } from '../../../src/core/engine/knownHosts';

const key = Buffer.from('the host key blob');
const other = Buffer.from('another key blob');
const b64 = (b: Buffer) => b.toString('base64');

/** A hashed host name as `ssh-keygen -H` writes it: |1|salt|HMAC-SHA1(salt, name). */
function hashed(name: string): string {
  const salt = Buffer.from('0123456789abcdefghij');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts check of an ssh host key (as OpenSSH reads the file)', () => {
  it('names a host as OpenSSH does: plain on port 22, [host]:port otherwise', () => {
    assert.equal(knownHostName('build.example', 22), 'build.example');
    assert.equal(knownHostName('build.example', 2222), '[build.example]:2222');
  });

  it('trusts a listed key, by plain name, pattern list, wildcard or hashed name', () => {
    assert.equal(hostKeyVerdict(`build.example ssh-ed25519 ${b64(key)}`, 'build.example', key), 'trusted');
    assert.equal(hostKeyVerdict(`a.example,build.example,10.0.0.5 ssh-ed25519 ${b64(key)} comment`, 'build.example', key), 'trusted');
    assert.equal(hostKeyVerdict(`*.example ssh-ed25519 ${b64(key)}`, 'BUILD.example', key), 'trusted');
    assert.equal(hostKeyVerdict(`${hashed('[build.example]:2222')} ssh-ed25519 ${b64(key)}`, '[build.example]:2222', key), 'trusted');
  });

  it('says unknown for a host not listed (a port other than the listed one included) and changed for a listed host with other keys', () => {
    assert.equal(hostKeyVerdict('', 'build.example', key), 'unknown');
    assert.equal(hostKeyVerdict(`# comment\n\nbuild.example ssh-ed25519 ${b64(key)}`, '[build.example]:2222', key), 'unknown');
    assert.equal(hostKeyVerdict(`${hashed('other.example')} ssh-ed25519 ${b64(key)}`, 'build.example', key), 'unknown');
    assert.equal(hostKeyVerdict(`build.example ssh-ed25519 ${b64(other)}`, 'build.example', key), 'changed');
  });

  it('a negated pattern excludes the host, and a revoked key is refused whatever else is listed', () => {
    assert.equal(hostKeyVerdict(`*.example,!build.example ssh-ed25519 ${b64(key)}`, 'build.example', key), 'unknown');
    assert.equal(hostKeyVerdict(`build.example ssh-ed25519 ${b64(key)}\n@revoked * ssh-ed25519 ${b64(key)}`, 'build.example', key), 'revoked');
  });

  it('@cert-authority lines are not taken for the host key (ssh2 verifies no host certificates)', () => {
    assert.equal(hostKeyVerdict(`@cert-authority *.example ssh-ed25519 ${b64(key)}`, 'build.example', key), 'unknown');
  });

  it('asks for the key types listed for the host first, as OpenSSH orders host-key algorithms', () => {
    assert.equal(preferredHostKeyAlgorithms('', 'build.example'), undefined);
    const order = preferredHostKeyAlgorithms(`build.example ecdsa-sha2-nistp256 ${b64(key)}`, 'build.example');
    assert.equal(order?.[0], 'ecdsa-sha2-nistp256');
    assert.ok(order?.includes('ssh-ed25519'), 'the other types stay allowed');
  });
});
