// Which Compose the tests run: Compose v2 (`docker compose`, the plugin engine26.mjs installs) by
// default, or Debian 12's docker-compose 1.29 with COMPOSE_HEALTH_TEST_COMPOSE=v1.
// The product picks `docker compose` whenever the Docker CLI has the plugin (src/core/probe/composeCli.ts
// detectComposeCli). To see it on a machine with only 1.29, composeEnv('v1') points DOCKER_CONFIG at a
// folder without cli-plugins: the Docker CLI then finds no plugin, as on a stock Debian 12.
import { mkdirSync } from 'node:fs';
import { cacheDir } from './system.mjs';

export const COMPOSE_VERSIONS = ['v2', 'v1'];
const LABELS = { v2: 'Compose v2', v1: 'Compose 1.29' };

/** COMPOSE_HEALTH_TEST_COMPOSE (v2 | v1), v2 when unset. */
export function testComposeVersion(env = process.env) {
  const version = env.COMPOSE_HEALTH_TEST_COMPOSE || 'v2';
  if (!COMPOSE_VERSIONS.includes(version)) {
    throw new Error(`COMPOSE_HEALTH_TEST_COMPOSE=${version} is not one of ${COMPOSE_VERSIONS.join(', ')} (v2: docker compose, v1: docker-compose 1.29).`);
  }
  return version;
}

export function composeLabel(version = testComposeVersion()) {
  return LABELS[version];
}

/** The argv that runs Compose: `['docker', 'compose']` (v2) or `['docker-compose']` (1.29). */
export function composeArgv(version = testComposeVersion()) {
  return version === 'v1' ? ['docker-compose'] : ['docker', 'compose'];
}

/**
 * Environment additions under which only this Compose exists for the product: for v1, a Docker
 * config folder without the v2 plugin (the CLI looks for plugins in $DOCKER_CONFIG/cli-plugins).
 */
export function composeEnv(version = testComposeVersion()) {
  if (version === 'v2') return { COMPOSE_HEALTH_TEST_COMPOSE: 'v2' };
  const config = cacheDir('docker-config-without-compose-v2');
  mkdirSync(config, { recursive: true });
  return { COMPOSE_HEALTH_TEST_COMPOSE: 'v1', DOCKER_CONFIG: config };
}

/** The name Compose gives a service's container: `<project>-<service>-<n>` (v2), `<project>_<service>_<n>` (1.29). */
export function composeContainerName(project, service, number = 1, version = testComposeVersion()) {
  const separator = version === 'v1' ? '_' : '-';
  return [project, service, number].join(separator);
}
