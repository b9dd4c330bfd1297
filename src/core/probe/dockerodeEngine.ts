import type Dockerode from 'dockerode';
import type { HealthcheckSpec } from '../compose/healthcheckSpec';
import {
  EngineConflictError,
  EngineNotFoundError,
  type ContainerSummary,
  type ExecOutcome,
  type ExecRequest,
  type ProbeContainer,
  type ProbeEngine,
} from './engine';
import { ExecStreamDemuxer } from './execStream';

/** `ProbeEngine` over a dockerode client (whichever engine address it was created for). */
export class DockerodeProbeEngine implements ProbeEngine {
  private version: Promise<string> | undefined;

  constructor(private readonly docker: Dockerode) {}

  apiVersion(): Promise<string> {
    this.version ??= this.docker.version().then(
      (v) => v.ApiVersion,
      (error: unknown) => {
        this.version = undefined;
        throw error;
      },
    );
    return this.version;
  }

  async listContainers(labels: string[], signal?: AbortSignal): Promise<ContainerSummary[]> {
    const list = await this.docker.listContainers({ all: true, filters: { label: labels }, abortSignal: signal });
    return list.map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), state: c.State, labels: c.Labels ?? {} }));
  }

  async inspectContainer(id: string, signal?: AbortSignal): Promise<ProbeContainer> {
    const info = await mapErrors(this.docker.getContainer(id).inspect({ abortSignal: signal }));
    const config = info.Config as typeof info.Config & { Shell?: string[] | null };
    const health = info.State.Health;
    return {
      id: info.Id,
      name: info.Name.replace(/^\//, ''),
      imageId: info.Image,
      // A forced removal marks the container `removing` before it kills it (moby daemon/delete.go
      // cleanupContainer), so a probe killed by the removal must not see it as still running.
      running: info.State.Running && info.State.Status !== 'removing' && !info.State.Dead,
      paused: info.State.Paused,
      user: config.User ?? '',
      workingDir: config.WorkingDir ?? '',
      shell: config.Shell ?? undefined,
      healthcheck: config.Healthcheck ? fromEngineHealthcheck(config.Healthcheck) : undefined,
      labels: config.Labels ?? {},
      health: health
        ? {
            status: health.Status,
            failingStreak: health.FailingStreak,
            log: (health.Log ?? []).map((e) => ({ start: e.Start, end: e.End, exitCode: e.ExitCode, output: e.Output })),
          }
        : undefined,
    };
  }

  async imageHealthcheck(imageId: string): Promise<HealthcheckSpec | undefined> {
    const info = await mapErrors(this.docker.getImage(imageId).inspect());
    const check = (info.Config as { Healthcheck?: Dockerode.HealthConfig } | undefined)?.Healthcheck;
    return check ? fromEngineHealthcheck(check) : undefined;
  }

  async exec(containerId: string, request: ExecRequest, onOutput: (chunk: Uint8Array) => void, signal?: AbortSignal): Promise<ExecOutcome> {
    // The same exec the health monitor sets up (moby daemon/health.go): no stdin, no TTY, stdout and
    // stderr attached, not privileged. The environment is left out on purpose: the engine gives every
    // exec the container's `Config.Env` (moby daemon/exec.go ContainerExecCreate), as for the monitor.
    const exec = await mapErrors(
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
    const stream = (await mapErrors(exec.start({ hijack: true, stdin: false, abortSignal: signal }))) as NodeJS.ReadWriteStream & {
      destroy(): void;
    };
    const demuxer = new ExecStreamDemuxer(onOutput);
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
    });
    return exitOf(exec, signal);
  }
}

/**
 * The exit code is recorded by the engine's exit-event handler, which can trail the end of the output
 * stream by a moment; the API offers no way to wait for it but polling (the exec_die event needs a
 * second connection per probe), so poll briefly with a deadline.
 */
async function exitOf(exec: Dockerode.Exec, signal?: AbortSignal): Promise<ExecOutcome> {
  const deadline = Date.now() + 1000;
  for (;;) {
    const info = await mapErrors(exec.inspect({ abortSignal: signal }));
    if (!info.Running || Date.now() > deadline) return { exitCode: info.Running ? null : info.ExitCode, pid: info.Pid };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The engine's HealthConfig (durations in ns, 0 = unset) in the compose model's form. */
export function fromEngineHealthcheck(check: Dockerode.HealthConfig): HealthcheckSpec {
  const spec: HealthcheckSpec = {};
  if (check.Test) spec.test = check.Test;
  if (check.Interval) spec.intervalNs = check.Interval;
  if (check.Timeout) spec.timeoutNs = check.Timeout;
  if (check.StartPeriod) spec.startPeriodNs = check.StartPeriod;
  if (check.StartInterval) spec.startIntervalNs = check.StartInterval;
  if (check.Retries) spec.retries = check.Retries;
  return spec;
}

async function mapErrors<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    const message = (error as { json?: { message?: string } }).json?.message ?? (error instanceof Error ? error.message : String(error));
    if (status === 404) throw new EngineNotFoundError(message);
    if (status === 409) throw new EngineConflictError(message);
    throw error;
  }
}

function abortError(): Error {
  const error = new Error('The probe was stopped before the command finished.');
  error.name = 'AbortError';
  return error;
}
