/** A connection failure as the tree shows it: what failed and where, then what to do. */
export interface EngineProblem {
  /** e.g. `Cannot reach Docker at unix:///var/run/docker.sock: connect ENOENT` */
  message: string;
  /** What the user can do about it. */
  hint: string;
}

interface NodeError {
  code?: string;
  syscall?: string;
  statusCode?: number;
  json?: { message?: string };
  message?: string;
}

const START_HINT = 'Start Docker (or Podman), or point the setting composeHealth.docker.host at your engine. The view reconnects by itself.';

export function describeEngineError(error: unknown, url: string): EngineProblem {
  const e = (error ?? {}) as NodeError;
  if (e.code === 'EACCES' || e.code === 'EPERM') {
    return {
      message: `Cannot reach Docker at ${url}: permission denied — is your user in the docker group?`,
      hint: 'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again), or use a rootless engine.',
    };
  }
  if (e.code) {
    const what = e.syscall ? `${e.syscall} ${e.code}` : e.code;
    return { message: `Cannot reach Docker at ${url}: ${what}`, hint: START_HINT };
  }
  if (typeof e.statusCode === 'number') {
    const detail = e.json?.message ?? e.message ?? '';
    return {
      message: `Docker at ${url} answered ${e.statusCode}${detail ? `: ${detail.trim()}` : ''}`,
      hint: 'Check that the address points at a Docker Engine API (or a Podman socket).',
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: `Lost Docker at ${url}: ${text}`, hint: START_HINT };
}

/**
 * The one wording for a command (Run probe, the lenses, Suggest) that could not talk to the engine: what
 * the request said, then what to do in the editor. The Services view says it with `describeEngineError`;
 * the command line names DOCKER_HOST instead of the setting.
 */
export function engineUnreachableMessage(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `Docker is not reachable (${detail.trim()}). Start Docker, or set composeHealth.docker.host, then try again.`;
}

/** The engine answered 404: the container (or exec, or image) no longer exists. */
export class EngineNotFoundError extends Error {
  override readonly name = 'EngineNotFoundError';
}

/** The engine refused because the container is not running or is paused (HTTP 409). */
export class EngineConflictError extends Error {
  override readonly name = 'EngineConflictError';
}

/** An exec was aborted; `execId` is set once the engine had created it (its process may be running). */
export class ExecAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(readonly execId: string | undefined) {
    super('The probe was stopped before the command finished.');
  }
}

/** Turns the engine's 404 and 409 answers into the errors above, with the engine's own message. */
export async function mapEngineErrors<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    const status = (error as NodeError).statusCode;
    const message = (error as NodeError).json?.message ?? (error instanceof Error ? error.message : String(error));
    if (status === 404) throw new EngineNotFoundError(message);
    if (status === 409) throw new EngineConflictError(message);
    throw error;
  }
}
