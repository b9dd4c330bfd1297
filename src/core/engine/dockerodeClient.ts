import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import Docker from 'dockerode';
import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import type { EngineAddress } from './address';
import { EngineNotFoundError, ExecAbortedError, mapEngineErrors } from './errors';
import { ExecStreamDemuxer } from './execStream';
import { isSwarmEvent, type RawSwarmEvent } from '../swarm/events';
import { KILL_TREE_SCRIPT, engineProcessesVisible, identifyExecProcess } from './hostProcesses';
import {
  DOCKER_EVENTS_FILTER,
  EVENTS_FILTER,
  JsonLineSplitter,
  PROJECT_LABEL,
  containerDetails,
  fromEngineHealthcheck,
  parseContainerSummary,
  parseEngineEvent,
  parseInspect,
  parseVersion,
  type RawHealthConfig,
  type RawInspect,
} from './parse';
import type {
  ContainerDetails,
  ContainerSummary,
  EngineClient,
  EngineEventListener,
  EngineVersion,
  EventSubscription,
  ExecEnding,
  ExecOutcome,
  ExecRequest,
  InspectedContainer,
  LabelledContainer,
  LogStream,
  SwarmState,
} from './types';

/**
 * The one dockerode adapter: the `EngineClient` of the shared connection, which the tree, the health
 * monitor and the probe all use, so every capability talks to the engine the connection resolved. The
 * engine's 404/409 answers become `EngineNotFoundError`/`EngineConflictError` (src/core/engine/errors.ts).
 */
export class DockerodeEngineClient implements EngineClient {
  private versionRequest: Promise<EngineVersion> | undefined;

  /** `address` is where `docker` connects: whether the engine's process IDs are this machine's depends on it (see `endExec`). */
  constructor(
    readonly docker: Docker,
    private readonly address: EngineAddress,
  ) {}

  /**
   * The one cache of `GET /version` (the connection asks when it opens, the probe before each run for
   * the API version and flavour): an engine's version does not change under a connection, and a new
   * connection builds a new client. A failed request is forgotten so the next caller asks again.
   */
  version(): Promise<EngineVersion> {
    this.versionRequest ??= this.docker.version().then(parseVersion).catch((error: unknown) => {
      this.versionRequest = undefined;
      throw error;
    });
    return this.versionRequest;
  }

  async listComposeContainers(): Promise<ContainerSummary[]> {
    const raw = await this.docker.listContainers({ all: true, filters: { label: [PROJECT_LABEL] } });
    return raw.flatMap((c) => parseContainerSummary(c) ?? []);
  }

  async listContainers(labels: string[], signal?: AbortSignal): Promise<LabelledContainer[]> {
    const list = await this.docker.listContainers({ all: true, filters: { label: labels }, abortSignal: signal });
    return list.map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), state: c.State, labels: c.Labels ?? {} }));
  }

  async inspectContainer(id: string, signal?: AbortSignal): Promise<InspectedContainer> {
    return parseInspect((await mapEngineErrors(this.docker.getContainer(id).inspect({ abortSignal: signal }))) as RawInspect);
  }

  async inspectComposeContainer(id: string): Promise<ContainerDetails | undefined> {
    try {
      return containerDetails(await this.inspectContainer(id));
    } catch (error) {
      if (error instanceof EngineNotFoundError) return undefined;
      throw error;
    }
  }

  async imageHealthcheck(imageId: string): Promise<HealthcheckSpec | undefined> {
    const info = await mapEngineErrors(this.docker.getImage(imageId).inspect());
    const check = (info.Config as { Healthcheck?: RawHealthConfig } | undefined)?.Healthcheck;
    return check ? fromEngineHealthcheck(check) : undefined;
  }

  async exec(
    containerId: string,
    request: ExecRequest,
    onOutput: (chunk: Uint8Array) => void,
    signal?: AbortSignal,
    onStarted?: () => void,
  ): Promise<ExecOutcome> {
    // The same exec the health monitor sets up (moby daemon/health.go): no stdin, no TTY, stdout and
    // stderr attached, not privileged. The environment is left out on purpose: the engine gives every
    // exec the container's `Config.Env` (moby daemon/exec.go ContainerExecCreate), as for the monitor.
    let exec: Docker.Exec;
    try {
      exec = await mapEngineErrors(this.docker.getContainer(containerId).exec({ ...execConfig(request), abortSignal: signal }));
    } catch (error) {
      // Aborted before the engine answered: if it created the exec, nothing started it.
      throw signal?.aborted ? new ExecAbortedError(undefined) : error;
    }
    // Started without the signal: an aborted start request could still start the process on the engine
    // side after we stopped listening; once started, `endExec` can always find it by the exec's ID.
    const stream = (await mapEngineErrors(exec.start({ hijack: true, stdin: false }))) as NodeJS.ReadWriteStream & { destroy(): void };
    let ended = false;
    const started = once(onStarted);
    const demuxer = new ExecStreamDemuxer((chunk) => {
      started();
      onOutput(chunk);
    });
    if (onStarted) {
      // Waits up to moby's own limit for starting a probe (30 s, daemon/health.go); a failed inspect
      // starts the timeout at once rather than never. Once the output ended or the probe was stopped,
      // nobody needs to know any more.
      const stopped = (): boolean => ended || signal?.aborted === true;
      const startedUnlessStopped = (): void => {
        if (!stopped()) started();
      };
      void startedExec(exec, 30_000, stopped).then(startedUnlessStopped, startedUnlessStopped);
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        stream.destroy();
        reject(new ExecAbortedError(exec.id));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      stream.on('data', (chunk: Buffer) => demuxer.push(chunk));
      stream.on('error', (error: Error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      stream.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    }).finally(() => (ended = true));
    return exitOf(exec, signal);
  }

  async endExec(containerId: string, execId: string): Promise<ExecEnding> {
    const exec = this.docker.getExec(execId);
    const before = await startedExec(exec, 5000);
    if (!before.Running && before.ExitCode !== null) return { ended: true };
    if (!before.Running || before.Pid === 0) return { ended: false, reason: 'the engine had not reported its process 5 s after starting it' };
    const visible = engineProcessesVisible(this.address, process.platform);
    if (!visible.ok) return { ended: false, reason: visible.reason };
    const mainPid = ((await mapEngineErrors(this.docker.getContainer(containerId).inspect())) as RawInspect & { State?: { Pid?: number } }).State?.Pid ?? 0;
    const found = identifyExecProcess(before.Pid, mainPid, readProc);
    // Still running under the same PID afterwards: a live process keeps its PID, so what /proc showed
    // in between was the exec's own process and not a later one that reused the number.
    const after = await mapEngineErrors(exec.inspect());
    if (!after.Running) return { ended: true };
    if (!found.ok) return { ended: false, reason: found.reason };
    if (after.Pid !== before.Pid) return { ended: false, reason: `the engine reported two PIDs for the exec (${before.Pid}, then ${after.Pid})` };
    // The kill runs as the probe's own user: enough to signal the probe's processes, and no more.
    const user = (after.ProcessConfig as { user?: string } | undefined)?.user ?? '';
    const printed: Buffer[] = [];
    const kill = await this.exec(
      containerId,
      { argv: ['sh', '-c', KILL_TREE_SCRIPT, 'sh', String(found.process.pid), found.process.startTicks], user, workingDir: '' },
      (chunk) => printed.push(Buffer.from(chunk)),
    );
    const text = Buffer.concat(printed).toString('utf8').trim();
    // Whether the shell ran at all. Docker keeps an exec's Pid after it ended, so 0 means it never
    // started; Podman reports Pid 0 for every ended exec, and exit 126 or 127 for one its runtime could
    // not start (libpod/define/exec_codes.go ExecErrorCodeCannotInvoke, ExecErrorCodeNotFound), codes
    // the script never exits with itself.
    const podman = (await this.version()).flavor === 'podman';
    const shellRan = podman ? kill.exitCode !== 126 && kill.exitCode !== 127 : kill.pid !== 0;
    if (!shellRan) return { ended: false, reason: `the image has no shell (sh) to run kill in${text ? `: ${text}` : ''}` };
    if (kill.exitCode === 4) return { ended: false, reason: "the image's shell has no kill command" };
    if (kill.exitCode !== 0 && kill.exitCode !== 3) return { ended: false, reason: `kill inside the container failed (exit ${kill.exitCode}${text ? `: ${text}` : ''})` };
    return (await execEnded(exec)) ? { ended: true } : { ended: false, reason: 'it was still running after SIGKILL' };
  }

  async signalledSince(containerId: string, sinceMs: number): Promise<boolean> {
    // A bounded query (`until` now): the engine replays what it logged in the window and ends the stream.
    const stream = (await mapEngineErrors(
      this.docker.getEvents({
        since: sinceMs / 1000,
        until: Date.now() / 1000,
        filters: { type: ['container'], container: [containerId], event: ['kill'] },
      }),
    )) as unknown as Readable;
    let text = '';
    stream.setEncoding('utf8');
    for await (const chunk of stream) text += chunk;
    return text.trim() !== '';
  }

  async imageExposedPorts(imageId: string): Promise<string[]> {
    const info = await mapEngineErrors(this.docker.getImage(imageId).inspect());
    return Object.keys((info.Config as { ExposedPorts?: Record<string, unknown> } | undefined)?.ExposedPorts ?? {});
  }

  async swarmState(): Promise<SwarmState> {
    const info = (await this.docker.info()) as { Swarm?: { LocalNodeState?: string; NodeID?: string; ControlAvailable?: boolean } };
    return { localNodeState: info.Swarm?.LocalNodeState || 'inactive', nodeId: info.Swarm?.NodeID ?? '', manager: info.Swarm?.ControlAvailable === true };
  }

  async containerNetTables(containerId: string, maxBytes: number): Promise<{ tcp: string; tcp6?: string } | undefined> {
    if (!engineProcessesVisible(this.address, process.platform).ok) return undefined;
    const raw = (await mapEngineErrors(this.docker.getContainer(containerId).inspect())) as { Id: string; State?: { Pid?: number } };
    const pid = raw.State?.Pid ?? 0;
    if (pid <= 0) return undefined;
    // A local socket can still lead to an engine in a VM (Docker Desktop): the PID is only this machine's
    // if its cgroup names the container (docker-<id>.scope, /docker/<id>, libpod-<id>).
    if (!(readBounded(`/proc/${pid}/cgroup`, 64 * 1024) ?? '').includes(raw.Id)) return undefined;
    // /proc/<pid>/net is the network namespace of that process: the container's own tables.
    const tcp = readBounded(`/proc/${pid}/net/tcp`, maxBytes);
    if (tcp === undefined) return undefined;
    const tcp6 = readBounded(`/proc/${pid}/net/tcp6`, maxBytes);
    return tcp6 === undefined ? { tcp } : { tcp, tcp6 };
  }

  async watchEvents(listener: EngineEventListener): Promise<EventSubscription> {
    // The version is the connection's cached one (asked just before it opens this stream).
    const docker = (await this.version()).flavor === 'docker';
    const stream = (await this.docker.getEvents({ filters: docker ? DOCKER_EVENTS_FILTER : EVENTS_FILTER })) as unknown as Readable;
    return followJsonEvents(stream, (message) => {
      if (listener.onSwarmEvent && isSwarmEvent(message as RawSwarmEvent)) listener.onSwarmEvent(message as RawSwarmEvent);
      const event = parseEngineEvent(message as never);
      if (event) listener.onEvent(event);
    }, (error) => listener.onEnd(error));
  }

  async restartContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).restart();
  }

  async followLogs(id: string, options: { tail: number }, onText: (text: string) => void): Promise<LogStream> {
    const stream = (await this.docker.getContainer(id).logs({ follow: true, stdout: true, stderr: true, tail: options.tail })) as unknown as Readable;
    // Without a TTY the engine multiplexes stdout and stderr with 8-byte frame headers.
    const out = new PassThrough();
    out.setEncoding('utf8');
    out.on('data', (text: string) => onText(text));
    this.docker.modem.demuxStream(stream, out, out);
    const ended = new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    return { ended, close: () => stream.destroy() };
  }
}

function execConfig(request: ExecRequest): Docker.ExecCreateOptions {
  return {
    Cmd: request.argv,
    User: request.user,
    WorkingDir: request.workingDir,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    Privileged: false,
  };
}

function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Exec inspect once the process has started and has its PID, or has ended. The engine answers the
 * start request (the stream's upgrade) before it starts the process, marks the exec running before
 * containerd reports the PID, and records an exit code once it ended or failed to start (moby
 * api/server/router/container/exec.go, daemon/exec.go ContainerExecStart); so a probe stopped right
 * after its start can show neither yet. There is no event for these steps: poll, until `limitMs` has
 * passed or `stop` says the answer is no longer needed, and answer the last inspect. Podman saves an
 * exec as running, with its PID, before it lets an inspect read it (libpod/container_exec.go
 * ExecHTTPStartAndAttach holds the container lock until then), and reports exit code 0 rather than
 * none before the end: there, once the start was answered, not running means ended.
 */
async function startedExec(exec: Docker.Exec, limitMs: number, stop: () => boolean = () => false): Promise<Docker.ExecInspectInfo> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const info = await mapEngineErrors(exec.inspect());
    const settled = info.Running ? info.Pid > 0 : info.ExitCode !== null;
    if (settled || stop() || Date.now() > deadline) return info;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Whether the exec stopped running within two seconds of its SIGKILL (the engine records the exit a moment later). */
async function execEnded(exec: Docker.Exec): Promise<boolean> {
  const deadline = Date.now() + 2000;
  for (;;) {
    const info = await mapEngineErrors(exec.inspect());
    if (!info.Running) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The exit code is recorded by the engine's exit-event handler, which can trail the end of the output
 * stream by a moment; the API offers no way to wait for it but polling (the exec_die event needs a
 * second connection per probe), so poll briefly with a deadline.
 */
async function exitOf(exec: Docker.Exec, signal?: AbortSignal): Promise<ExecOutcome> {
  const deadline = Date.now() + 1000;
  for (;;) {
    const info = await mapEngineErrors(exec.inspect({ abortSignal: signal }));
    if (!info.Running || Date.now() > deadline) return { exitCode: info.Running ? null : info.ExitCode, pid: info.Pid };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function once(callback: (() => void) | undefined): () => void {
  let called = false;
  return () => {
    if (called || !callback) return;
    called = true;
    callback();
  };
}

/** At most `maxBytes` of a /proc file (a socket table can be huge); undefined when it cannot be read. */
function readBounded(file: string, maxBytes: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(maxBytes);
    let length = 0;
    let n: number;
    do {
      n = readSync(fd, buffer, length, buffer.length - length, null);
      length += n;
    } while (n > 0 && length < buffer.length);
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Follows an events stream (`GET /events`: one JSON object per line) until it ends, errs or is closed:
 * each message to `onMessage`, then `onEnd` once (with the error, if any); closing ends it silently.
 */
function followJsonEvents(stream: Readable, onMessage: (message: unknown) => void, onEnd: (error?: Error) => void): EventSubscription {
  const splitter = new JsonLineSplitter();
  let closed = false;
  const end = (error?: Error) => {
    if (closed) return;
    closed = true;
    onEnd(error);
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    for (const message of splitter.push(chunk)) onMessage(message);
  });
  stream.on('error', (error: Error) => end(error));
  stream.on('end', () => end());
  stream.on('close', () => end());
  return {
    close: () => {
      closed = true;
      stream.destroy();
    },
  };
}
