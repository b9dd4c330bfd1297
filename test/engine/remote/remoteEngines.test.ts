import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import type { EngineConnection } from '../../../src/core/engine/connection';
import type { OpenEngineInputs } from '../../../src/core/engine/open';
import type { EngineClient, EngineEvent } from '../../../src/core/engine/types';
import { planProbe } from '../../../src/core/probe/plan';
import { runProbe, timeoutFromProcessStart, timeoutIncludesOutput } from '../../../src/core/probe/runProbe';
import { connect, engineInputs, PREFIX, remoteEngines, setupClient, type RemoteEngines } from './support';

const IMAGE = 'compose-health/busybox:test';

/**
 * What the extension does with a remote engine, over each transport: connect (version), hold the events
 * stream, list a compose project's containers, inspect the probe log, and Run probe in a container.
 */
const transports: { name: string; inputs: (engines: RemoteEngines) => OpenEngineInputs }[] = [
  {
    // docker/cli `cli/flags/options.go`: DOCKER_TLS_VERIFY with the certificates in DOCKER_CERT_PATH.
    name: 'tcp:// with verified TLS (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH)',
    inputs: (engines) => engineInputs({ DOCKER_HOST: engines.tls.host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: engines.tls.certPath }, engines.ssh.home),
  },
  {
    // The key is in the ssh-agent (SSH_AUTH_SOCK), the host key in ~/.ssh/known_hosts.
    name: 'ssh:// (DOCKER_HOST, ssh-agent, known_hosts)',
    inputs: (engines) => engineInputs({ DOCKER_HOST: engines.ssh.host, SSH_AUTH_SOCK: engines.ssh.agentSocket }, engines.ssh.home),
  },
  {
    // The setting wins over DOCKER_HOST (address.ts), which here names an engine that does not exist.
    name: 'ssh:// in the setting composeHealth.docker.host',
    inputs: (engines) => engineInputs({ DOCKER_HOST: 'unix:///nonexistent/docker.sock', SSH_AUTH_SOCK: engines.ssh.agentSocket }, engines.ssh.home, engines.ssh.host),
  },
  {
    // docker/cli `cli/context/store`: the endpoint in meta.json, the certificates under tls/<id>/docker.
    name: 'a Docker context with TLS files (DOCKER_CONTEXT, made by `docker context create`)',
    inputs: (engines) => engineInputs({ DOCKER_CONFIG: engines.contexts.dockerConfig, DOCKER_CONTEXT: engines.contexts.tls }, engines.ssh.home),
  },
  {
    // SkipTLSVerify in the context's meta.json: the engine's certificate is not checked, as `docker --context` does not.
    name: 'a Docker context with skip-tls-verify (and a ca.pem that did not sign the engine certificate)',
    inputs: (engines) => engineInputs({ DOCKER_CONFIG: engines.contexts.dockerConfig, DOCKER_CONTEXT: engines.contexts.unverifiedTls }, engines.ssh.home),
  },
  {
    name: 'a Docker context with an ssh:// endpoint (DOCKER_CONTEXT, made by `docker context create`)',
    inputs: (engines) =>
      engineInputs({ DOCKER_CONFIG: engines.contexts.dockerConfig, DOCKER_CONTEXT: engines.contexts.ssh, SSH_AUTH_SOCK: engines.ssh.agentSocket }, engines.ssh.home),
  },
];

for (const transport of transports) {
  describe(`remote engine over ${transport.name}`, function () {
    this.timeout(60_000);
    let engines: RemoteEngines;
    let direct: Dockerode;
    let connection: EngineConnection<EngineClient>;
    let client: EngineClient;
    let container: Dockerode.Container;
    // What the healthcheck prints: written at start, so a probe result can only come from this container.
    const token = randomBytes(6).toString('hex');
    const project = `${PREFIX}-${randomBytes(3).toString('hex')}`;

    before(async () => {
      engines = remoteEngines();
      direct = setupClient(engines);
      const opened = connect(transport.inputs(engines));
      connection = opened.connection;
      const state = await opened.settled;
      assert.equal(state.kind, 'connected', state.kind === 'down' ? `${state.problem.message} — ${state.problem.hint}` : '');
      client = connection.session!.client;
      // A container as Compose makes it (its labels), created through the engine's own socket.
      container = await direct.createContainer({
        name: `${project}-web-1`,
        Image: IMAGE,
        Cmd: ['sh', '-c', `echo ${token} > /www/health && exec httpd -f -p 8080 -h /www`],
        Labels: {
          'com.docker.compose.project': project,
          'com.docker.compose.service': 'web',
          'com.docker.compose.container-number': '1',
          'com.docker.compose.oneoff': 'False',
        },
        Healthcheck: { Test: ['CMD-SHELL', 'wget -q -O- http://127.0.0.1:8080/health'], Interval: 1e9, Timeout: 5e9, Retries: 3 },
      });
    });

    after(async () => {
      connection?.dispose();
      await container?.remove({ force: true });
    });

    it('connects and reports the engine version', async () => {
      const version = await direct.version();
      assert.equal(connection.session!.version.version, version.Version);
      assert.equal(connection.session!.version.apiVersion, version.ApiVersion);
    });

    it('the events stream delivers the container health_status: healthy', async () => {
      const healthy = new Promise<EngineEvent>((resolve) => {
        const subscription = connection.onEvent((event) => {
          if (event.containerId === container.id && event.action === 'health_status') {
            subscription.dispose();
            resolve(event);
          }
        });
      });
      await container.start();
      const event = await healthy;
      assert.equal(event.health, 'healthy');
      assert.equal(event.compose?.project, project);
    });

    it('lists the compose project with the container healthy', async () => {
      const listed = (await client.listComposeContainers()).filter((c) => c.compose.project === project);
      assert.deepEqual(
        listed.map((c) => ({ id: c.id, service: c.compose.service, state: c.state, health: c.health })),
        [{ id: container.id, service: 'web', state: 'running', health: 'healthy' }],
      );
    });

    it('inspect gives the probe log', async () => {
      const details = await client.inspectComposeContainer(container.id);
      const last = details?.probeLog.at(-1);
      assert.equal(last?.exitCode, 0);
      assert.equal(last?.output, `${token}\n`);
    });

    it('Run probe runs the healthcheck in the container and returns its result', async () => {
      const inspected = await client.inspectContainer(container.id);
      assert.ok(inspected.healthcheck, 'the container has a healthcheck');
      const planned = planProbe(inspected.healthcheck, inspected);
      assert.ok(planned.ok, planned.ok ? '' : planned.message);
      const api = connection.session!.version.apiVersion;
      const outcome = await runProbe(client, container.id, planned.plan, {
        timeoutIncludesOutput: timeoutIncludesOutput(api),
        timeoutFromProcessStart: timeoutFromProcessStart(api),
      });
      assert.equal(outcome.kind, 'result', JSON.stringify(outcome));
      if (outcome.kind !== 'result') return;
      assert.equal(outcome.exitCode, 0);
      assert.equal(outcome.output, `${token}\n`);
    });
  });
}
