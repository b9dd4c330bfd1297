import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import { EngineConnection } from '../../../src/core/engine/connection';
import { DockerodeEngineClient } from '../../../src/core/engine/dockerodeClient';
import { dockerodeOptions } from '../../../src/core/engine/dockerodeOptions';
import type { ContainerDetails, ContainerSummary } from '../../../src/core/engine/types';
import type { EngineStatus, HealthAction, HealthState } from '../../../src/core/health/model';
import { HealthMonitor } from '../../../src/core/health/monitor';
import { HealthStore } from '../../../src/core/health/store';

export const IMAGE = 'compose-health/busybox:test';
/** Every object these tests create starts with it (the shared daemon is shared with other work). */
export const PREFIX = 'chtree';

export function uniqueProject(what: string): string {
  return `${PREFIX}${what}${randomBytes(3).toString('hex')}`;
}

export function dockerAt(url = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock'): Docker {
  const options = dockerodeOptions({ url, source: { kind: 'env' } }, process.env, () => Buffer.alloc(0));
  if (!options.ok) throw new Error(options.error);
  return new Docker(options.options);
}

/** Our adapter, counting the requests it makes. */
export class CountingClient extends DockerodeEngineClient {
  readonly counts = { version: 0, list: 0, inspect: 0, events: 0 };
  /** The containers inspected, in order (the daemon is shared: other work's containers are inspected too). */
  readonly inspected: string[] = [];
  override version() {
    this.counts.version++;
    return super.version();
  }
  override listComposeContainers(): Promise<ContainerSummary[]> {
    this.counts.list++;
    return super.listComposeContainers();
  }
  override inspectComposeContainer(id: string): Promise<ContainerDetails | undefined> {
    this.counts.inspect++;
    this.inspected.push(id);
    return super.inspectComposeContainer(id);
  }
  override watchEvents(listener: Parameters<DockerodeEngineClient['watchEvents']>[0]) {
    this.counts.events++;
    return super.watchEvents(listener);
  }
}

export interface Watcher {
  store: HealthStore;
  monitor: HealthMonitor;
  connection: EngineConnection<CountingClient>;
  client: () => CountingClient | undefined;
  dispose(): void;
}

/** The real connection, monitor and store, as the extension builds them, against the engine at `url`. */
export function watch(url = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock', store = new HealthStore()): Watcher {
  let client: CountingClient | undefined;
  const connection = new EngineConnection<CountingClient>({
    open: () => {
      client = new CountingClient(dockerAt(url), { url, source: { kind: 'setting' } });
      return { ok: true, address: { url, source: { kind: 'setting' } }, client };
    },
  });
  const monitor = new HealthMonitor(url, connection, store);
  return {
    store,
    monitor,
    connection,
    client: () => client,
    dispose: () => {
      monitor.dispose();
      connection.dispose();
      store.dispose();
    },
  };
}

/** `watch`, its monitor started; resolves once the store has the engine connected. */
export async function watchConnected(url: string | undefined, store?: HealthStore): Promise<Watcher> {
  const watcher = watch(url, store);
  watcher.monitor.start();
  await until(watcher.store, () => onlyEngine(watcher.store.state).kind === 'connected', 'the connection');
  return watcher;
}

/** The status of the one engine a store fed by one `watch` knows (unknown before its monitor reports). */
export function onlyEngine(state: HealthState): EngineStatus {
  const [first, ...others] = [...state.engines.values()];
  if (others.length > 0) throw new Error(`expected one engine, the store knows ${others.length + 1}`);
  return first ?? { kind: 'unknown' };
}

/** A store that records which action brought each container to each health, so a test can tell events from inspects. */
export class RecordingStore extends HealthStore {
  readonly history: Array<{ action: HealthAction['type']; name: string; state: string; health: string }> = [];

  override dispatch(action: HealthAction) {
    const change = super.dispatch(action);
    if (change) {
      for (const c of this.state.containers.values()) {
        const last = [...this.history].reverse().find((h) => h.name === c.name);
        if (!last || last.state !== c.state || last.health !== c.health) this.history.push({ action: action.type, name: c.name, state: c.state, health: c.health });
      }
    }
    return change;
  }

  /** `action:state/health` steps of one container, in order. */
  steps(name: string): string[] {
    return this.history.filter((h) => h.name === name).map((h) => `${h.action}:${h.state}/${h.health}`);
  }
}

/**
 * Resolves once `predicate` holds, re-checking on every store change (no sleeping); fails after
 * `deadlineMs` with what the store holds, so a failure says what was seen instead.
 */
export function until(store: HealthStore, predicate: () => boolean, what: string, deadlineMs = 30_000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      const seen = [...store.state.containers.values()].map((c) => `${c.name}:${c.state}/${c.health}`).join(', ');
      reject(new Error(`timed out after ${deadlineMs} ms waiting for ${what}; engines ${[...store.state.engines].map(([id, e]) => `${id}: ${e.kind}`).join(', ') || 'none'}; containers: ${seen || 'none'}`));
    }, deadlineMs);
    const subscription = store.onDidChange(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

export interface ServiceSpec {
  project: string;
  service: string;
  number?: number;
  cmd: string[];
  healthcheck?: { test: string[]; intervalMs: number; retries?: number; startPeriodMs?: number };
  restartPolicy?: 'unless-stopped';
  workingDir?: string;
}

/** A container as Compose would label it (docker/compose pkg/api/labels.go), created through the Engine API. */
export async function createComposeContainer(docker: Docker, spec: ServiceSpec): Promise<Docker.Container> {
  const number = spec.number ?? 1;
  const workingDir = spec.workingDir ?? `/tmp/${spec.project}`;
  const hc = spec.healthcheck;
  return docker.createContainer({
    name: `${spec.project}-${spec.service}-${number}`,
    Image: IMAGE,
    Cmd: spec.cmd,
    Labels: {
      'com.docker.compose.project': spec.project,
      'com.docker.compose.service': spec.service,
      'com.docker.compose.container-number': String(number),
      'com.docker.compose.project.working_dir': workingDir,
      'com.docker.compose.project.config_files': `${workingDir}/compose.yaml`,
      'com.docker.compose.oneoff': 'False',
    },
    Healthcheck: hc
      ? { Test: hc.test, Interval: hc.intervalMs * 1e6, Timeout: 5e9, Retries: hc.retries ?? 1, StartPeriod: (hc.startPeriodMs ?? 0) * 1e6 }
      : undefined,
    HostConfig: { NetworkMode: 'none', RestartPolicy: spec.restartPolicy ? { Name: spec.restartPolicy } : undefined },
  });
}

/** Runs a command in a container through the Engine API and waits for it to finish. */
export async function exec(container: Docker.Container, cmd: string[]): Promise<void> {
  const e = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await e.start({});
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.resume();
  });
}

export async function removeProject(docker: Docker, project: string): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
}
