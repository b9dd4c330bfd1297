import * as vscode from 'vscode';
import type { EngineAddress } from '../core/engine/address';
import { EngineConnection, type OpenResult } from '../core/engine/connection';
import { hostEngineInputs, openDockerodeEngine } from '../core/engine/open';
import type { EngineClient } from '../core/engine/types';
import { HealthMonitor } from '../core/health/monitor';
import { HealthStore } from '../core/health/store';

/**
 * The engine connection and health store every capability shares. Building it does no I/O: the
 * connection starts on the first `monitor.start()` (the tree, once activation has returned and a
 * workspace compose file is found, or when its view is shown; the probe runner when it needs the
 * engine). The session's client is the one `EngineClient` (the dockerode adapter) the tree, the monitor
 * and the probe all use.
 */
export interface SharedEngine extends vscode.Disposable {
  connection: EngineConnection<EngineClient>;
  store: HealthStore;
  monitor: HealthMonitor;
  /**
   * The adapter for one-off requests (probes): the connected session's, else one opened for the same
   * resolved address. Throws with the resolution problem when no address can be used.
   */
  client(): EngineClient;
  /** The address in use (the session's, else resolved now); undefined when none can be used. */
  address(): EngineAddress | undefined;
}

export function createSharedEngine(log: vscode.LogOutputChannel): SharedEngine {
  const open = (): OpenResult<EngineClient> =>
    openDockerodeEngine(hostEngineInputs(vscode.workspace.getConfiguration('composeHealth').get<string>('docker.host')));
  const connection = new EngineConnection<EngineClient>({ open });
  const store = new HealthStore();
  const monitor = new HealthMonitor(connection, store, (message) => log.warn(message));
  const subscriptions = [
    connection.onDidChangeState((state) => {
      if (state.kind === 'connected') log.info(`Connected to Docker ${state.session.version.version} at ${state.session.address.url}`);
      else if (state.kind === 'down' && state.failures === 1) log.warn(state.problem.message);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('composeHealth.docker.host')) connection.reconnect();
    }),
  ];
  return {
    connection,
    store,
    monitor,
    client: () => {
      const session = connection.session;
      if (session) return session.client;
      const opened = open();
      if (!opened.ok) throw new Error(opened.error);
      return opened.client;
    },
    address: () => {
      const session = connection.session;
      if (session) return session.address;
      const opened = open();
      return opened.ok ? opened.address : undefined;
    },
    dispose: () => {
      for (const s of subscriptions) s.dispose();
      monitor.dispose();
      connection.dispose();
      store.dispose();
    },
  };
}
