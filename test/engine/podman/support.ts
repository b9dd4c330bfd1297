// Helpers for the Podman pass (test/run.mjs "engine (Podman 4.3)"): test/support/podman.mjs starts
// `podman system service` on a private socket and hands its address over in COMPOSE_HEALTH_PODMAN_HOST.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

function podmanHost(): string {
  const host = process.env.COMPOSE_HEALTH_PODMAN_HOST;
  if (!host) {
    throw new Error(
      'COMPOSE_HEALTH_PODMAN_HOST is not set: these tests run against the Podman socket that `node test/run.mjs podman` ' +
        'prepares (or set it to a Podman service address, e.g. unix:///run/podman/podman.sock).',
    );
  }
  return host;
}

export const PODMAN_HOST = podmanHost();

/** Everything these tests create starts with it. */
export function uniquePodmanProject(what: string): string {
  return `chpodman${what}${randomBytes(3).toString('hex')}`;
}

/**
 * Runs the container's healthcheck once, as Podman's systemd timer would (without systemd Podman
 * schedules none). Through the socket (`--remote`), so it uses the service's configuration; the
 * service emits the `health_status` event. Resolves with the command's exit code: 0 healthy, 1 not.
 */
export function podmanHealthcheckRun(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile('podman', ['--remote', '--url', PODMAN_HOST, 'healthcheck', 'run', name], (error, _stdout, stderr) => {
      const code = error ? (error as { code?: unknown }).code : 0;
      if (typeof code === 'number') resolve(code);
      else reject(new Error(`podman healthcheck run ${name} failed to run: ${error?.message ?? ''} ${stderr}`));
    });
  });
}

/** The Compose the tests run (COMPOSE_HEALTH_TEST_COMPOSE, test/support/compose.mjs): v2 unless told. */
export function composeCommand(): string[] {
  const support: typeof import('../../support/compose.mjs') = require(path.resolve(__dirname, '../../../../test/support/compose.mjs'));
  return support.composeArgv();
}

/** Runs Compose against the Podman socket; rejects with its output when it fails. */
export function composeOnPodman(args: string[], cwd: string): Promise<void> {
  const [command, ...first] = composeCommand();
  return new Promise((resolve, reject) => {
    execFile(command, [...first, ...args], { cwd, env: { ...process.env, DOCKER_HOST: PODMAN_HOST } }, (error, stdout, stderr) =>
      error ? reject(new Error(`${[command, ...first, ...args].join(' ')} failed: ${stderr || stdout}`)) : resolve(),
    );
  });
}
