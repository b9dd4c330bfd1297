import { PassThrough, type Readable } from 'node:stream';
import Docker from 'dockerode';
import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import type { ExecOutcome, ExecRequest, ContainerSummary as ProbeContainerSummary, ProbeEngine } from '../probe/engine';
import { EngineNotFoundError, mapEngineErrors } from './errors';
import { ExecStreamDemuxer } from './execStream';
import {
  EVENTS_FILTER,
  JsonLineSplitter,
  PROJECT_LABEL,
  containerDetails,
  fromEngineHealthcheck,
  parseContainerSummary,
  parseEngineEvent,
  parseInspect,
  parseVersion,
  type InspectedContainer,
  type RawHealthConfig,
  type RawInspect,
} from './parse';
import type { ContainerDetails, ContainerSummary, EngineClient, EngineEventListener, EngineFlavor, EngineVersion, EventSubscription, LogStream } from './types';

/**
 * The one dockerode adapter: the tree's `EngineClient` and the probe's narrow `ProbeEngine` over the
 * same client, so both capabilities talk to the engine the shared connection resolved. The engine's
 * 404/409 answers become `EngineNotFoundError`/`EngineConflictError` (src/core/engine/errors.ts).
 */
export class DockerodeEngineClient implements EngineClient, ProbeEngine {
  private versionRequest: Promise<EngineVersion> | undefined;

  constructor(readonly docker: Docker) {}

  async version(): Promise<EngineVersion> {
    return parseVersion(await this.docker.version());
  }

  apiVersion(): Promise<string> {
    return this.versionOnce().then((v) => v.apiVersion);
  }

  engineFlavor(): Promise<EngineFlavor> {
    return this.versionOnce().then((v) => v.flavor);
  }

  /** Asked once per client; a failed request is forgotten so the next probe asks again. */
  private versionOnce(): Promise<EngineVersion> {
    this.versionRequest ??= this.version().catch((error: unknown) => {
      this.versionRequest = undefined;
      throw error;
    });
    return this.versionRequest;
  }

  async listComposeContainers(): Promise<ContainerSummary[]> {
    const raw = await this.docker.listContainers({ all: true, filters: { label: [PROJECT_LABEL] } });
    return raw.flatMap((c) => parseContainerSummary(c) ?? []);
  }

  async listContainers(labels: string[], signal?: AbortSignal): Promise<ProbeContainerSummary[]> {
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
    const exec = await mapEngineErrors(
      this.docker.getContainer(containerId).exec({
        Cmd: request.argv,
        User: request.user,
        WorkingDir: request.workingDir,
        AttachStdin: false,
        AttachStdout: true,
        AttachStderr: true,
        Tty: false,
        Privileged: false,
        abortSignal: signal,
      }),
    );
    const stream = (await mapEngineErrors(exec.start({ hijack: true, stdin: false, abortSignal: signal }))) as NodeJS.ReadWriteStream & {
      destroy(): void;
    };
    let ended = false;
    const started = once(onStarted);
    const demuxer = new ExecStreamDemuxer((chunk) => {
      started();
      onOutput(chunk);
    });
    if (onStarted) void processStarted(exec, () => ended, signal).finally(started);
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        stream.destroy();
        reject(abortError());
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

  async watchEvents(listener: EngineEventListener): Promise<EventSubscription> {
    const stream = (await this.docker.getEvents({ filters: EVENTS_FILTER })) as unknown as Readable;
    const splitter = new JsonLineSplitter();
    let closed = false;
    const end = (error?: Error) => {
      if (closed) return;
      closed = true;
      listener.onEnd(error);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const message of splitter.push(chunk)) {
        const event = parseEngineEvent(message as never);
        if (event) listener.onEvent(event);
      }
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

/**
 * Resolves once the exec's process runs: the engine sets its Pid when containerd has started it (moby
 * daemon/exec.go ContainerExecStart), after the start request has already been answered. No event says
 * so on the exec's own connection, so this polls briefly, until the output ends or moby's own limit for
 * starting a probe (30 s, daemon/health.go) passes.
 */
async function processStarted(exec: Docker.Exec, ended: () => boolean, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!ended() && !signal?.aborted && Date.now() < deadline) {
    const info = await exec.inspect({ abortSignal: signal }).catch(() => undefined);
    if (!info || info.Pid > 0 || !info.Running) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
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

function abortError(): Error {
  const error = new Error('The probe was stopped before the command finished.');
  error.name = 'AbortError';
  return error;
}
