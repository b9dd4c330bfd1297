// Remote engines for the engine tier: a Docker Engine over verified TLS and one over ssh, both on 127.0.0.1.
//   const remote = await startRemoteEngines();  …  await remote.stop();
// The extension reaches engines on other hosts through `tcp://` with TLS (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH
// or a context's TLS files) and `ssh://` (docker-modem runs `docker system dial-stdio` on the remote over
// ssh2). Both transports are started here for real, privately, and stopped when the tier ends:
//   - a private dockerd (this machine's dockerd build) with `--tlsverify` on tcp://127.0.0.1:<free port>
//     and a unix socket of its own, its own data root, exec root, pidfile and bridge (never `--bridge none`,
//     see engine.mjs startDockerd), with certificates made by openssl: a CA, a server certificate for
//     IP:127.0.0.1, a client certificate, and for the fault tests a second CA with a client certificate;
//   - Debian's sshd (openssh-server, installed when missing) on 127.0.0.1:<free port> with its own
//     sshd_config, host key, authorized key, pidfile, and `SetEnv DOCKER_HOST=` the private dockerd's
//     socket, so `docker system dial-stdio` run by the ssh login reaches the same private engine;
//   - two ssh-agents (the client key, and a key sshd does not accept), since the extension signs in
//     through SSH_AUTH_SOCK as docker-modem does, and a known_hosts under a home folder of the test's;
//   - both engines as Docker contexts too, created with `docker context create` in a config folder of their own.
// Everything lives in one /tmp/chremote14-* folder (short: unix socket paths hold at most 108 bytes).
// The tests read where things are from COMPOSE_HEALTH_REMOTE_ENGINES (JSON, see `remoteEnginesEnv`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUSYBOX_IMAGE, NO_SHELL_IMAGE, ensureEngine, startDockerd } from './engine.mjs';
import { cannotRun, commandExists, ensureDebianPackages, freePort, isRoot, run, say, secondsSince } from './system.mjs';

/** Prefix of everything made here (folder, bridge, log), so it is never mistaken for another run's. */
const PREFIX = 'chremote14';
/** The private dockerd's bridge: its own interface and subnet (never docker0, never `--bridge none`). */
const BRIDGE = 'chremote14';
const BRIDGE_ADDRESS = '10.214.14.1/24';
const SSHD = '/usr/sbin/sshd';
const START_DEADLINE_MS = 30_000;

function openssl(args, cwd) {
  return run('openssl', args, { cwd, quiet: true });
}

/**
 * A CA and, signed by it, certificates for the given uses. Elliptic-curve keys: made in milliseconds.
 * The extensions are those `docker` documents for `--tlsverify` (docs "Protect the Docker daemon socket"):
 * serverAuth with the address as subjectAltName for the daemon, clientAuth for the client.
 */
async function makeCa(dir, name) {
  mkdirSync(dir, { recursive: true });
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca-key.pem'], dir);
  await openssl(['req', '-x509', '-new', '-key', 'ca-key.pem', '-days', '2', '-subj', `/CN=${name}`, '-out', 'ca.pem'], dir);
  return dir;
}

async function signCertificate(caDir, outDir, name, extensions) {
  mkdirSync(outDir, { recursive: true });
  const ext = path.join(outDir, `${name}.ext`);
  writeFileSync(ext, extensions);
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}-key.pem`], outDir);
  await openssl(['req', '-new', '-key', `${name}-key.pem`, '-subj', `/CN=${PREFIX}-${name}`, '-out', `${name}.csr`], outDir);
  await openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', path.join(caDir, 'ca.pem'), '-CAkey', path.join(caDir, 'ca-key.pem'),
      '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', `${name}-cert.pem`],
    outDir,
  );
}

/** A DOCKER_CERT_PATH folder: ca.pem, cert.pem, key.pem, the names docker/cli reads. */
function certPath(dir, caFile, certFile, keyFile) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'ca.pem'), readFileSync(caFile));
  writeFileSync(path.join(dir, 'cert.pem'), readFileSync(certFile));
  writeFileSync(path.join(dir, 'key.pem'), readFileSync(keyFile));
  return dir;
}

async function makeCertificates(root) {
  const tls = path.join(root, 'tls');
  const ca = await makeCa(path.join(tls, 'ca'), `${PREFIX} test CA`);
  const other = await makeCa(path.join(tls, 'other-ca'), `${PREFIX} another CA`);
  await signCertificate(ca, path.join(tls, 'issued'), 'server', 'subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n');
  await signCertificate(ca, path.join(tls, 'issued'), 'client', 'extendedKeyUsage = clientAuth\n');
  await signCertificate(other, path.join(tls, 'issued'), 'foreign-client', 'extendedKeyUsage = clientAuth\n');
  const issued = (file) => path.join(tls, 'issued', file);
  return {
    server: { ca: path.join(ca, 'ca.pem'), cert: issued('server-cert.pem'), key: issued('server-key.pem') },
    // What a user's DOCKER_CERT_PATH holds when all is right…
    client: certPath(path.join(tls, 'client'), path.join(ca, 'ca.pem'), issued('client-cert.pem'), issued('client-key.pem')),
    // …when the CA file is another CA's (the server's certificate cannot be verified)…
    wrongCa: certPath(path.join(tls, 'wrong-ca'), path.join(other, 'ca.pem'), issued('client-cert.pem'), issued('client-key.pem')),
    // …and when the client certificate was signed by a CA the daemon does not trust.
    foreignClient: certPath(path.join(tls, 'foreign-client'), path.join(ca, 'ca.pem'), issued('foreign-client-cert.pem'), issued('foreign-client-key.pem')),
  };
}

async function ensureBridge() {
  if (spawnSync('ip', ['link', 'show', BRIDGE], { stdio: 'ignore' }).status === 0) return;
  await run('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
  await run('ip', ['addr', 'add', BRIDGE_ADDRESS, 'dev', BRIDGE]);
  await run('ip', ['link', 'set', BRIDGE, 'up']);
}

/** Resolves once `child` writes a line matching `pattern` to `stream` (its readiness message); rejects when it exits first or after the deadline. */
function awaitOutput(child, stream, pattern, what) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(`${what} did not get ready within ${START_DEADLINE_MS / 1000} s`), START_DEADLINE_MS);
    const fail = (message) => {
      clearTimeout(timer);
      reject(new Error(`${message}. Its output:\n${seen}`));
    };
    const onData = (chunk) => {
      seen += chunk;
      const match = pattern.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      // From now on its output is drained and dropped, so a full pipe never blocks it.
      child[stream].off('data', onData);
      child[stream].resume();
      resolve(match);
    };
    const onExit = (code, signal) => fail(`${what} exited (${signal ?? code})`);
    child[stream].on('data', onData);
    child.once('exit', onExit);
  });
}

/** Stops a child process we started and resolves once it has exited. */
function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  return gone;
}

/** An ssh-agent in the foreground (-D) on its own socket, holding one key. */
async function startAgent(socket, key) {
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: ['ignore', 'pipe', 'pipe'] });
  // With -D it prints its SSH_AUTH_SOCK line once the socket listens.
  await awaitOutput(agent, 'stdout', /SSH_AUTH_SOCK=/, `ssh-agent at ${socket}`);
  await run('ssh-add', ['-q', key], { env: { ...process.env, SSH_AUTH_SOCK: socket }, quiet: true });
  return agent;
}

/** Waits for dockerd's pidfile process to end after SIGTERM (it is not our child: no exit event; polled, with a deadline). */
async function stopDaemon(pidfile) {
  if (!existsSync(pidfile)) return;
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const started = Date.now();
  while (Date.now() - started < START_DEADLINE_MS) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  say(`dockerd ${pid} did not stop within ${START_DEADLINE_MS / 1000} s of SIGTERM`);
}

/** Unmounts what dockerd left mounted below `root` (deepest first), so the folder can be removed. */
function unmountBelow(root) {
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((point) => point !== undefined && point.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
  for (const point of mounts) spawnSync('umount', ['-l', point], { stdio: 'ignore' });
}

/**
 * Starts the TLS engine and the ssh engine (see the top of this file) and returns `{ env, stop, figures }`:
 * `env` for the tests' environment, `stop()` ends every process started here and removes the folder and
 * the bridge, `figures` the set-up seconds of each.
 */
export async function startRemoteEngines() {
  if (!isRoot()) throw cannotRun('The TLS and ssh engines are a second dockerd and an sshd, which only root can start here.');
  // The system Engine supplies the offline test images and the docker CLI the ssh login runs.
  await ensureEngine({ compose: false });
  await ensureDebianPackages(['openssh-server', 'openssh-client', 'openssl'], 'the ssh and TLS engines of the engine tier');
  for (const tool of ['openssl', 'ssh-keygen', 'ssh-agent', 'ssh-add']) {
    if (!commandExists(tool)) throw cannotRun(`${tool} is missing although its Debian package is installed.`);
  }
  const root = mkdtempSync(path.join('/tmp', `${PREFIX}-`));
  const children = [];
  const pidfile = path.join(root, 'docker.pid');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(children.map(stopChild));
    await stopDaemon(pidfile);
    unmountBelow(root);
    rmSync(root, { recursive: true, force: true });
    spawnSync('ip', ['link', 'delete', BRIDGE], { stdio: 'ignore' });
  };
  try {
    // --- TLS ---
    let started = Date.now();
    const certs = await makeCertificates(root);
    const tlsPort = await freePort();
    const socket = path.join(root, 'docker.sock');
    await ensureBridge();
    await startDockerd({
      socket,
      logName: `${PREFIX}-dockerd.log`,
      extraArgs: [
        '--host', `tcp://127.0.0.1:${tlsPort}`,
        '--tlsverify', '--tlscacert', certs.server.ca, '--tlscert', certs.server.cert, '--tlskey', certs.server.key,
        '--data-root', path.join(root, 'data'),
        '--exec-root', path.join(root, 'exec'),
        '--pidfile', pidfile,
        '--bridge', BRIDGE,
        '--iptables=false',
        '--ip-masq=false',
      ],
    });
    for (const image of [BUSYBOX_IMAGE, NO_SHELL_IMAGE]) {
      await run('sh', ['-c', `docker save ${image} | docker --host unix://${socket} load -q`], { quiet: true });
    }
    const tlsSeconds = secondsSince(started);
    say(`TLS engine at tcp://127.0.0.1:${tlsPort} (dockerd --tlsverify, certificates from openssl) ready in ${tlsSeconds} s`);

    // --- ssh ---
    started = Date.now();
    const sshDir = path.join(root, 'ssh');
    mkdirSync(sshDir, { mode: 0o700 });
    const keygen = (file, comment) => run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path.join(sshDir, file)], { quiet: true });
    await keygen('host_key', `${PREFIX} host`);
    await keygen('client_key', `${PREFIX} client`);
    await keygen('refused_key', `${PREFIX} not authorized`);
    await keygen('no_engine_key', `${PREFIX} login whose engine does not run`);
    writeFileSync(
      path.join(sshDir, 'authorized_keys'),
      readFileSync(path.join(sshDir, 'client_key.pub'), 'utf8') +
        // A login that works, on a host whose engine is not running: its dial-stdio finds no socket.
        `command="DOCKER_HOST=unix://${path.join(root, 'no-engine.sock')} docker system dial-stdio" ${readFileSync(path.join(sshDir, 'no_engine_key.pub'), 'utf8')}`,
    );
    const sshPort = await freePort();
    const user = os.userInfo().username;
    const config = path.join(sshDir, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${sshPort}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${path.join(sshDir, 'host_key')}`,
        `PidFile ${path.join(sshDir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${path.join(sshDir, 'authorized_keys')}`,
        // The key files sit below /tmp (world-writable), which StrictModes would refuse.
        'StrictModes no',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'PermitRootLogin prohibit-password',
        `AllowUsers ${user}`,
        // The login's `docker system dial-stdio` talks to the private engine, not the shared one.
        `SetEnv DOCKER_HOST=unix://${socket}`,
        '',
      ].join('\n'),
    );
    // Privilege separation needs this folder (Debian's unit makes it; no unit runs here).
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const sshd = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(sshd);
    await awaitOutput(sshd, 'stderr', /Server listening on 127\.0\.0\.1 port/, `sshd on 127.0.0.1:${sshPort}`);
    const agentSocket = path.join(sshDir, 'agent.sock');
    const refusedAgentSocket = path.join(sshDir, 'refused-agent.sock');
    children.push(await startAgent(agentSocket, path.join(sshDir, 'client_key')));
    children.push(await startAgent(refusedAgentSocket, path.join(sshDir, 'refused_key')));
    const noEngineAgentSocket = path.join(sshDir, 'no-engine-agent.sock');
    children.push(await startAgent(noEngineAgentSocket, path.join(sshDir, 'no_engine_key')));
    // A home folder whose ~/.ssh/known_hosts has the host key, written as ssh writes a non-22 port.
    const home = path.join(root, 'home');
    mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
    const hostKey = readFileSync(path.join(sshDir, 'host_key.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshPort} ${hostKey}\n`);
    const sshSeconds = secondsSince(started);
    say(`ssh engine at ssh://${user}@127.0.0.1:${sshPort} (Debian sshd, docker system dial-stdio) ready in ${sshSeconds} s`);

    // The same two engines as Docker contexts, made by the docker CLI itself (its own metadata and TLS
    // file layout, which address.ts reads), in a config folder of their own.
    const dockerConfig = path.join(root, 'docker-config');
    mkdirSync(dockerConfig);
    const tlsContext = `${PREFIX}-tls`;
    const sshContext = `${PREFIX}-ssh`;
    const cert = (file) => path.join(certs.client, file);
    await run('docker', ['--config', dockerConfig, 'context', 'create', tlsContext,
      '--docker', `host=tcp://127.0.0.1:${tlsPort},ca=${cert('ca.pem')},cert=${cert('cert.pem')},key=${cert('key.pem')}`], { quiet: true });
    await run('docker', ['--config', dockerConfig, 'context', 'create', sshContext, '--docker', `host=ssh://${user}@127.0.0.1:${sshPort}`], { quiet: true });
    // skip-tls-verify: the engine's certificate is not checked (here another CA's ca.pem is given), the client's still sent.
    const unverifiedContext = `${PREFIX}-tls-unverified`;
    const wrongCa = (file) => path.join(certs.wrongCa, file);
    await run('docker', ['--config', dockerConfig, 'context', 'create', unverifiedContext,
      '--docker', `host=tcp://127.0.0.1:${tlsPort},ca=${wrongCa('ca.pem')},cert=${wrongCa('cert.pem')},key=${wrongCa('key.pem')},skip-tls-verify=true`], { quiet: true });

    const env = {
      COMPOSE_HEALTH_REMOTE_ENGINES: JSON.stringify({
        socket: `unix://${socket}`,
        contexts: { dockerConfig, tls: tlsContext, ssh: sshContext, unverifiedTls: unverifiedContext },
        tls: { host: `tcp://127.0.0.1:${tlsPort}`, certPath: certs.client, wrongCaCertPath: certs.wrongCa, foreignClientCertPath: certs.foreignClient },
        ssh: { host: `ssh://${user}@127.0.0.1:${sshPort}`, home, agentSocket, refusedAgentSocket, noEngineAgentSocket },
      }),
    };
    return { env, stop, figures: { tlsSeconds, sshSeconds } };
  } catch (error) {
    await stop();
    throw error;
  }
}
