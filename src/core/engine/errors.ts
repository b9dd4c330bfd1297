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
