import Dockerode from 'dockerode';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { ENGINE_DEFAULTS, type HealthcheckSpec } from '../../../src/core/compose/healthcheckSpec';
import { resolveEngineAddress, type EngineAddress } from '../../../src/core/engine/address';

/** Everything these tests create is named with this prefix, so other work on the shared daemon is never touched. */
export const PREFIX = 'chprobe';
export const IMAGE = 'compose-health/busybox:test';
/** BusyBox linked only as `sleep`: no shell, no kill, no ps (built by test/support/engine.mjs). */
export const NO_SHELL_IMAGE = 'compose-health/probekill-noshell:test';

export const docker = new Dockerode();

/** Whether the engine under test speaks API 1.<minor> or later (1.44: Engine 25, 1.45: Engine 26). */
export async function engineApiAtLeast(minor: number): Promise<boolean> {
  const [major, m] = (await docker.version()).ApiVersion.split('.').map(Number);
  return major > 1 || (major === 1 && m >= minor);
}

/** Where `docker` connects (DOCKER_HOST, else the default socket), resolved as the extension resolves it. */
export const address: EngineAddress = (() => {
  const resolved = resolveEngineAddress({
    env: process.env,
    homeDir: homedir(),
    platform: process.platform,
    readFile: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
    exists: existsSync,
  });
  if (!resolved.ok) throw new Error(resolved.error);
  return resolved.address;
})();

export function uniqueName(label: string): string {
  return `${PREFIX}-${label}-${randomBytes(3).toString('hex')}`;
}

export interface ContainerOptions {
  name: string;
  healthcheck?: HealthcheckSpec;
  shell?: string[];
  user?: string;
  workingDir?: string;
  env?: string[];
  labels?: Record<string, string>;
}

/** Creates a long-running BusyBox container through the Engine API, the way Compose would. */
export async function createContainer(options: ContainerOptions): Promise<Dockerode.Container> {
  const hc = options.healthcheck;
  return docker.createContainer({
    name: options.name,
    Image: IMAGE,
    Cmd: ['sleep', '3600'],
    Shell: options.shell,
    User: options.user,
    WorkingDir: options.workingDir,
    Env: options.env,
    Labels: options.labels,
    Healthcheck: hc
      ? { Test: hc.test, Interval: hc.intervalNs, Timeout: hc.timeoutNs, StartPeriod: hc.startPeriodNs, StartInterval: hc.startIntervalNs, Retries: hc.retries }
      : undefined,
    HostConfig: { Init: false, AutoRemove: false },
    StopTimeout: 1,
  } as Dockerode.ContainerCreateOptions);
}

/** One container event, decoded from the engine's event stream. */
export interface EngineEvent {
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
}

/**
 * Resolves with the first event of the container that satisfies `accept`. Subscribe BEFORE doing the
 * thing that causes the event; `ready` resolves once the subscription is open.
 */
export function nextEvent(containerName: string, accept: (e: EngineEvent) => boolean): { ready: Promise<void>; event: Promise<EngineEvent> } {
  let opened: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (opened = resolve));
  // The engine answers the events request before it subscribes (moby getEvents flushes the headers
  // first), so an event right after `ready` could be missed; `since` makes it replay from now.
  const since = Date.now() / 1000;
  const event = (async () => {
    const stream = (await docker.getEvents({ since, filters: { type: ['container'], container: [containerName] } })) as NodeJS.ReadableStream & {
      destroy(): void;
    };
    opened();
    return new Promise<EngineEvent>((resolve, reject) => {
      let buffered = '';
      stream.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffered.indexOf('\n')) !== -1) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (!line) continue;
          const e = JSON.parse(line) as EngineEvent;
          if (accept(e)) {
            stream.destroy();
            resolve(e);
          }
        }
      });
      stream.on('error', reject);
    });
  })();
  return { ready, event };
}

/**
 * Starts a container whose healthcheck uses retries 1, so Docker's FIRST probe result flips the status
 * (starting → healthy or unhealthy) and the engine emits `health_status`; then returns that first
 * `State.Health.Log` entry.
 */
export async function startAndAwaitFirstProbe(container: Dockerode.Container, name: string): Promise<{ exitCode: number; output: string }> {
  const status = nextEvent(name, (e) => e.Action.startsWith('health_status'));
  await status.ready;
  await container.start();
  await status.event;
  const info = await container.inspect();
  const first = info.State.Health?.Log[0];
  if (!first) throw new Error(`no health log entry for ${name} after its health_status event`);
  return { exitCode: first.ExitCode, output: first.Output };
}

/** Docker records fast probes; tests use a short interval and retries 1 (see startAndAwaitFirstProbe). */
export function probedHealthcheck(test: string[], extra: Partial<HealthcheckSpec> = {}): HealthcheckSpec {
  return { test, intervalNs: 300e6, retries: 1, timeoutNs: ENGINE_DEFAULTS.timeoutNs, ...extra };
}

export async function removeContainer(name: string): Promise<void> {
  try {
    await docker.getContainer(name).remove({ force: true });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}
