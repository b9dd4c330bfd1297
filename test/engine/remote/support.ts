// What the engine tier's "TLS and ssh" pass started (test/support/remoteEngines.mjs), and how these tests
// reach it: through the extension's own address resolution and client (core/engine open.ts), with an
// environment and home folder of the test's instead of the machine's.
import { existsSync, readFileSync } from 'node:fs';
import Dockerode from 'dockerode';
import { EngineConnection, type ConnectionState } from '../../../src/core/engine/connection';
import { openDockerodeEngine, type OpenEngineInputs } from '../../../src/core/engine/open';
import type { EngineClient } from '../../../src/core/engine/types';

export interface RemoteEngines {
  /** The private engine's own unix socket: the tests set up containers through it. */
  socket: string;
  /**
   * DOCKER_CONFIG folder with contexts (made by `docker context create`) for the same engines: `tls`, `ssh`,
   * and `unverifiedTls` with skip-tls-verify and a ca.pem of another CA.
   */
  contexts: { dockerConfig: string; tls: string; ssh: string; unverifiedTls: string };
  tls: { host: string; certPath: string; wrongCaCertPath: string; foreignClientCertPath: string };
  /**
   * `home` has `.ssh/known_hosts` with the sshd's host key; `refusedAgentSocket` holds a key sshd does not
   * accept; `noEngineAgentSocket` one whose login runs `docker system dial-stdio` against no engine.
   */
  ssh: { host: string; home: string; agentSocket: string; refusedAgentSocket: string; noEngineAgentSocket: string };
}

export function remoteEngines(): RemoteEngines {
  const text = process.env.COMPOSE_HEALTH_REMOTE_ENGINES;
  if (!text) throw new Error('COMPOSE_HEALTH_REMOTE_ENGINES is not set: run these tests with `node test/run.mjs engine`, whose "engine (TLS and ssh)" pass starts the engines.');
  return JSON.parse(text) as RemoteEngines;
}

/** Everything these tests create is named with this prefix (the engine is private, but its name says whose it is). */
export const PREFIX = 'chremote14';

/** The address inputs as the extension reads them on this machine, with `env`, `homeDir` and the `composeHealth.docker.host` setting given. */
export function engineInputs(env: Record<string, string>, homeDir: string, setting?: string): OpenEngineInputs {
  return {
    setting,
    env,
    homeDir,
    platform: process.platform,
    readFile: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
    exists: existsSync,
    readBinary: (file) => readFileSync(file),
  };
}

/** A client of the private engine over its unix socket, for setting up and removing containers. */
export function setupClient(engines: RemoteEngines): Dockerode {
  return new Dockerode({ socketPath: engines.socket.replace(/^unix:\/\//, '') });
}

/**
 * The shared connection the extension's tree uses (core/engine connection.ts), opened from `inputs`;
 * resolves with its first settled state: connected, or down with the problem the tree shows.
 */
export function connect(inputs: OpenEngineInputs): { connection: EngineConnection<EngineClient>; settled: Promise<ConnectionState<EngineClient>> } {
  const connection = new EngineConnection<EngineClient>({ open: () => openDockerodeEngine(inputs) });
  const settled = new Promise<ConnectionState<EngineClient>>((resolve) => {
    const subscription = connection.onDidChangeState((state) => {
      if (state.kind === 'connected' || state.kind === 'down') {
        subscription.dispose();
        resolve(state);
      }
    });
  });
  connection.start();
  return { connection, settled };
}
