// Which Compose the tests drive: COMPOSE_HEALTH_TEST_COMPOSE=v2 (`docker compose`, the CLI plugin) or
// v1 (`docker-compose` 1.29, what Debian 12 packages). Unset: v2 when `docker compose version`
// answers, else v1. Tests that run Compose call this once and spawn `executable` with `prefix` first.
import { execFileSync } from 'node:child_process';

function answers(executable, args, env) {
  try {
    execFileSync(executable, args, { env, stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

/** { flavour: 'v2' | 'v1', executable, prefix, label }; throws when the wanted Compose is not installed. */
export function composeCommand(env = process.env) {
  const wanted = env.COMPOSE_HEALTH_TEST_COMPOSE || undefined;
  if (wanted !== undefined && wanted !== 'v1' && wanted !== 'v2') {
    throw new Error(`COMPOSE_HEALTH_TEST_COMPOSE=${wanted}: use v2 (docker compose) or v1 (docker-compose 1.29).`);
  }
  const v2 = { flavour: 'v2', executable: 'docker', prefix: ['compose'], label: 'docker compose' };
  const v1 = { flavour: 'v1', executable: 'docker-compose', prefix: [], label: 'docker-compose' };
  const chosen = wanted === 'v1' ? v1 : wanted === 'v2' ? v2 : answers('docker', ['compose', 'version'], env) ? v2 : v1;
  if (!answers(chosen.executable, [...chosen.prefix, 'version'], env)) {
    throw new Error(`${chosen.label} (Compose ${chosen.flavour}) is not installed or does not answer \`${chosen.label} version\`; install it, or set COMPOSE_HEALTH_TEST_COMPOSE to the other one.`);
  }
  return chosen;
}
