import * as vscode from 'vscode';
import type { EngineAddress } from '../core/engine/address';
import { EngineConnection } from '../core/engine/connection';
import { engineList, type EngineEntry } from '../core/engine/engines';
import { hostEngineInputs, openDockerodeEngine } from '../core/engine/open';
import type { EngineClient } from '../core/engine/types';
import type { EngineId } from '../core/health/model';
import { HealthMonitor } from '../core/health/monitor';
import { HealthStore } from '../core/health/store';

/** One engine of `composeHealth.engines`: its own connection (one events stream) and its own monitor. */
export interface EngineHandle {
  readonly id: EngineId;
  readonly connection: EngineConnection<EngineClient>;
  readonly monitor: HealthMonitor;
  /**
   * The adapter for one-off requests (probes): the connected session's, else one opened for the same
   * resolved address. Throws with the resolution problem when no address can be used.
   */
  client(): EngineClient;
  /** The address in use (the session's, else resolved now); undefined when none can be used. */
  address(): EngineAddress | undefined;
}

/** What the views ask of the engines as a whole; each call goes to every engine, or to the container's own. */
export interface EngineMonitors {
  /** Starts every engine's connection (once each). */
  start(): void;
  /** One list call per connected engine; a lost one tries again now. */
  refresh(): Promise<void>;
  /** Tries every engine that is down again now. */
  retryNow(): void;
  /** Inspects a container on the engine that runs it. */
  requestDetails(containerId: string): Promise<void>;
}

/**
 * The engines and the one health store every capability shares. Building it does no I/O: the
 * connections start on the first `monitor.start()` (the tree, once activation has returned and a
 * workspace compose file is found, or when its view is shown; the probe runner when it needs an
 * engine). Each engine connects, streams and retries on its own, so an unreachable or slow one holds
 * up no other.
 */
export interface SharedEngine extends vscode.Disposable {
  store: HealthStore;
  monitor: EngineMonitors;
  /** The engines in the setting's order (the default engine alone when the setting is empty). */
  engines(): readonly EngineHandle[];
  /** The engine a container runs on. */
  engineOf(containerId: string): EngineHandle | undefined;
  /** The first engine: where a compose file whose project runs on no engine is probed and started. */
  first(): EngineHandle;
  /** The list of engines changed (the setting): some left, some came. */
  readonly onDidChangeEngines: vscode.Event<void>;
}

export function createSharedEngine(log: vscode.LogOutputChannel): SharedEngine {
  const store = new HealthStore();
  const enginesChanged = new vscode.EventEmitter<void>();
  let handles: EngineHandle[] = [];
  let started = false;

  const build = (entry: EngineEntry): EngineHandle => {
    const open = () => openDockerodeEngine(hostEngineInputs(dockerHostSetting()), entry.resolve);
    const connection = new EngineConnection<EngineClient>({ open });
    const monitor = new HealthMonitor(entry.id, connection, store, (message) => log.warn(message));
    connection.onDidChangeState((state) => {
      if (state.kind === 'connected') log.info(`Connected to Docker ${state.session.version.version} at ${state.session.address.url}`);
      else if (state.kind === 'down' && state.failures === 1) log.warn(state.problem.message);
    });
    return {
      id: entry.id,
      connection,
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
    };
  };
  const close = (handle: EngineHandle) => {
    handle.monitor.dispose();
    handle.connection.dispose();
  };

  /** Reads the setting; engines that stay keep their connection, new ones start if the others have. */
  const configure = () => {
    const list = engineList(vscode.workspace.getConfiguration('composeHealth').get<string[]>('engines'), hostEngineInputs(dockerHostSetting()));
    for (const line of list.collapsed) log.warn(line);
    // Engines that left go first, so no view ever shows the old and the new default engine side by side.
    const wanted = new Set(list.engines.map((e) => e.id));
    for (const old of handles) {
      if (wanted.has(old.id)) continue;
      close(old);
      store.dispatch({ type: 'engineRemoved', engineId: old.id });
    }
    const kept = new Map(handles.map((h) => [h.id, h]));
    handles = list.engines.map((entry) => kept.get(entry.id) ?? build(entry));
    if (started) for (const h of handles) h.monitor.start();
    enginesChanged.fire();
  };
  configure();

  const subscriptions = [
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('composeHealth.engines')) configure();
      else if (e.affectsConfiguration('composeHealth.docker.host')) {
        // The default engine (empty list) may now be another one; a listed TLS address may read other files.
        const before = handles;
        configure();
        for (const h of handles) if (before.includes(h)) h.connection.reconnect();
      }
    }),
  ];

  const monitor: EngineMonitors = {
    start: () => {
      started = true;
      for (const h of handles) h.monitor.start();
    },
    refresh: async () => {
      await Promise.all(handles.map((h) => h.monitor.refresh()));
    },
    retryNow: () => {
      for (const h of handles) h.connection.retryNow();
    },
    requestDetails: async (containerId) => {
      const engineId = store.container(containerId)?.engineId;
      await handles.find((h) => h.id === engineId)?.monitor.requestDetails(containerId);
    },
  };

  return {
    store,
    monitor,
    engines: () => handles,
    engineOf: (containerId) => {
      const engineId = store.container(containerId)?.engineId;
      return handles.find((h) => h.id === engineId);
    },
    first: () => handles[0],
    onDidChangeEngines: enginesChanged.event,
    dispose: () => {
      enginesChanged.dispose();
      for (const s of subscriptions) s.dispose();
      for (const h of handles) close(h);
      store.dispose();
    },
  };
}

function dockerHostSetting(): string | undefined {
  return vscode.workspace.getConfiguration('composeHealth').get<string>('docker.host');
}
