import Dockerode from 'dockerode';

/**
 * The Docker client the probe uses until the extension's shared engine connection is wired in:
 * dockerode's own resolution of `DOCKER_HOST` (with `DOCKER_TLS_VERIFY`/`DOCKER_CERT_PATH`), else the
 * platform's default socket.
 */
export function createDockerClient(): Dockerode {
  return new Dockerode();
}
