import type { EngineAddress } from './address';

/**
 * What to add to the environment of a Docker CLI we spawn (`docker compose`, `docker-compose`) so that it
 * talks to the engine this extension resolved. The CLI resolves DOCKER_HOST, DOCKER_CONTEXT and the
 * config's `currentContext` from the same environment and files we read (address.ts mirrors docker/cli),
 * and the child inherits that environment — so an address from DOCKER_HOST, a context or the default
 * needs nothing, and passing `--context` would only repeat what the CLI finds itself. Only our own setting
 * is unknown to the CLI: it goes in DOCKER_HOST, which the CLI prefers over any context (docker/cli
 * `cli/command/cli.go` resolveContextName). TLS for such an address came from DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH of the same environment (address.ts withHost), which the child inherits unchanged.
 */
export function dockerCliEnvironment(address: EngineAddress): Record<string, string> {
  // A context named in composeHealth.engines need not be the CLI's current one: name it
  // (DOCKER_CONTEXT, which the CLI reads when DOCKER_HOST is unset).
  if (address.source.kind === 'context' && address.source.origin === 'engines') return { DOCKER_CONTEXT: address.source.name };
  if (address.source.kind !== 'setting') return {};
  // docker/cli `opts/hosts.go` reads a bare `host:port` as tcp; spelt out for docker-compose 1.x as well.
  return { DOCKER_HOST: address.url.includes('://') ? address.url : `tcp://${address.url}` };
}
