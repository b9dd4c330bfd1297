import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionState } from '../../../src/core/engine/connection';
import type { OpenEngineInputs } from '../../../src/core/engine/open';
import type { EngineClient } from '../../../src/core/engine/types';
import { connect, engineInputs, PREFIX, remoteEngines, type RemoteEngines } from './support';

/** A known_hosts line with a freshly made ed25519 key (the wire format: string "ssh-ed25519", string key). */
function anotherHostKeyLine(name: string): string {
  const raw = Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const field = (data: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, data.length]), data]);
  return `${name} ssh-ed25519 ${Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]).toString('base64')}\n`;
}

/** Opens the extension's connection from `inputs` and returns the problem the tree shows; fails when it connects. */
async function problemOf(inputs: OpenEngineInputs): Promise<{ message: string; hint: string }> {
  const { connection, settled } = connect(inputs);
  try {
    const state: ConnectionState<EngineClient> = await settled;
    if (state.kind !== 'down') assert.fail(`expected the connection to fail, but it is ${state.kind}`);
    return state.problem;
  } finally {
    connection.dispose();
  }
}

describe('remote engine faults: each says what failed and what to fix', function () {
  this.timeout(60_000);
  let engines: RemoteEngines;
  let emptyHome: string;
  before(() => {
    engines = remoteEngines();
    emptyHome = mkdtempSync(path.join(os.tmpdir(), `${PREFIX}-home-`));
  });
  after(() => rmSync(emptyHome, { recursive: true, force: true }));

  const tlsEnv = (certPath: string, host = engines.tls.host) => ({ DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certPath });

  it('TLS: a CA file that did not sign the engine certificate', async () => {
    const problem = await problemOf(engineInputs(tlsEnv(engines.tls.wrongCaCertPath), emptyHome));
    assert.equal(problem.message, `The TLS certificate of the Docker engine at ${engines.tls.host} is not signed by the CA in ca.pem (UNABLE_TO_VERIFY_LEAF_SIGNATURE)`);
    assert.match(problem.hint, /ca\.pem the CA certificate that signed the engine's certificate \(dockerd --tlscacert\)/);
  });

  it('TLS: a client certificate signed by a CA the engine does not trust', async () => {
    const problem = await problemOf(engineInputs(tlsEnv(engines.tls.foreignClientCertPath), emptyHome));
    // Go's crypto/tls sends the "bad certificate" alert for a client certificate it cannot verify.
    assert.equal(
      problem.message,
      `The Docker engine at ${engines.tls.host} refused the TLS connection: it wants a client certificate signed by a CA it trusts (ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE)`,
    );
    assert.match(problem.hint, /cert\.pem and key\.pem of a client certificate signed by the CA the engine trusts/);
  });

  it('TLS: no client certificate', async () => {
    const caOnly = path.join(emptyHome, 'ca-only');
    mkdirSync(caOnly);
    copyFileSync(path.join(engines.tls.certPath, 'ca.pem'), path.join(caOnly, 'ca.pem'));
    const problem = await problemOf(engineInputs(tlsEnv(caOnly), emptyHome));
    // Engine 20.10 (Go 1.19) sends "bad certificate" for a missing one too; Go 1.21+ sends "certificate required".
    assert.match(
      problem.message,
      new RegExp(`^The Docker engine at ${engines.tls.host} refused the TLS connection: it wants a client certificate signed by a CA it trusts \\(ERR_SSL_(SSLV3_ALERT_BAD_CERTIFICATE|TLSV13_ALERT_CERTIFICATE_REQUIRED)\\)$`),
    );
    assert.match(problem.hint, /cert\.pem and key\.pem/);
  });

  it('TLS to a port that speaks plain HTTP', async () => {
    // The same engine without TLS: a TCP port forwarded to its unix socket, as `dockerd -H tcp://…:2375` serves.
    const socketPath = engines.socket.replace(/^unix:\/\//, '');
    const plain = net.createServer((socket) => {
      const upstream = net.connect(socketPath);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = plain.address() as net.AddressInfo;
      const problem = await problemOf(engineInputs(tlsEnv(engines.tls.certPath, `tcp://127.0.0.1:${port}`), emptyHome));
      assert.equal(problem.message, `The Docker engine at tcp://127.0.0.1:${port} does not speak TLS on that port (EPROTO)`);
      assert.match(problem.hint, /unset DOCKER_TLS_VERIFY/);
    } finally {
      await new Promise((resolve) => plain.close(resolve));
    }
  });

  it('plain HTTP to the TLS port (DOCKER_TLS_VERIFY not set)', async () => {
    const problem = await problemOf(engineInputs({ DOCKER_HOST: engines.tls.host }, emptyHome));
    assert.equal(problem.message, `The Docker engine at ${engines.tls.host} expects TLS, and the connection was plain HTTP`);
    assert.match(problem.hint, /Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH/);
  });

  it('ssh: a host key that is not in ~/.ssh/known_hosts', async () => {
    // The Docker CLI's ssh refuses such a host when no terminal can ask (StrictHostKeyChecking "ask").
    const problem = await problemOf(engineInputs({ DOCKER_HOST: engines.ssh.host, SSH_AUTH_SOCK: engines.ssh.agentSocket }, emptyHome));
    assert.equal(problem.message, `The ssh host key of ${engines.ssh.host} is not in ~/.ssh/known_hosts, or differs from the one there`);
    assert.match(problem.hint, new RegExp(`Run \`ssh -p ${new URL(engines.ssh.host).port} ${os.userInfo().username}@127\\.0\\.0\\.1\` once in a terminal`));
  });

  it('ssh: a host key other than the one in ~/.ssh/known_hosts', async () => {
    const home = path.join(emptyHome, 'changed');
    mkdirSync(path.join(home, '.ssh'), { recursive: true });
    writeFileSync(path.join(home, '.ssh', 'known_hosts'), anotherHostKeyLine(`[127.0.0.1]:${new URL(engines.ssh.host).port}`));
    const problem = await problemOf(engineInputs({ DOCKER_HOST: engines.ssh.host, SSH_AUTH_SOCK: engines.ssh.agentSocket }, home));
    assert.equal(problem.message, `The ssh host key of ${engines.ssh.host} is not in ~/.ssh/known_hosts, or differs from the one there`);
  });

  it('ssh: a login refused for the keys of the agent', async () => {
    const problem = await problemOf(engineInputs({ DOCKER_HOST: engines.ssh.host, SSH_AUTH_SOCK: engines.ssh.refusedAgentSocket }, engines.ssh.home));
    assert.equal(problem.message, `The ssh login to ${engines.ssh.host} was refused: sshd accepts none of the keys of your ssh-agent (All configured authentication methods failed)`);
    assert.match(problem.hint, /Add the right key to the agent \(`ssh-add`\), or its public key to the remote user's ~\/\.ssh\/authorized_keys/);
  });

  it('ssh: a login that works on a host whose engine is not running', async () => {
    const problem = await problemOf(engineInputs({ DOCKER_HOST: engines.ssh.host, SSH_AUTH_SOCK: engines.ssh.noEngineAgentSocket }, engines.ssh.home));
    // Its `docker system dial-stdio` cannot reach an engine and exits; docker-modem sees the stream close.
    assert.equal(
      problem.message,
      `The Docker engine behind ${engines.ssh.host} did not answer: the ssh login worked, but \`docker system dial-stdio\` there closed the connection (ECONNRESET)`,
    );
    assert.match(problem.hint, /Check that Docker runs on that host and that `docker` is on the ssh login's PATH: `ssh -p \d+ \w+@127\.0\.0\.1 docker version` must answer\./);
  });

  it('ssh: no ssh-agent', async () => {
    const problem = await problemOf(engineInputs({ DOCKER_HOST: engines.ssh.host }, engines.ssh.home));
    assert.equal(
      problem.message,
      `Cannot sign in to ${engines.ssh.host}: no ssh-agent (SSH_AUTH_SOCK is not set). Compose Health signs in with the keys of your ssh-agent: ` +
        'start one, add your key with `ssh-add`, and start VS Code from that environment.',
    );
  });
});
