/**
 * Generated compose files for the lint benchmarks: deterministic, shaped like real projects (anchors and
 * merge keys, environment maps, ports, volumes, depends_on in both forms, healthchecks in every test form),
 * with a few healthcheck mistakes sprinkled in so the rules have work to do. The mistakes are semantic,
 * never schema errors: dclint stops at the first schema error, and the comparison must let it run its rules.
 */

/** One service of ~13 lines; every `mistakeEvery`-th service carries one of the common mistakes. */
function service(i: number, mistakeEvery: number): string {
  const name = `svc-${String(i).padStart(4, '0')}`;
  const port = 8000 + (i % 1000);
  const tests = [
    `["CMD-SHELL", "wget -q -O- http://127.0.0.1:${port}/health || exit 1"]`,
    `["CMD", "/usr/local/bin/healthcheck", "--port", "${port}"]`,
    `curl -f http://localhost:${port}/ready`,
  ];
  const mistakes = [
    `["CMD", "curl -f http://localhost:${port}/ || exit 1"]`,
    `curl http://localhost:${port}/`,
    'NONE',
    `["CMD-SHELL", "test -f $READY_FILE"]`,
  ];
  const broken = mistakeEvery > 0 && i % mistakeEvery === mistakeEvery - 1;
  const test = broken ? mistakes[Math.floor(i / mistakeEvery) % mistakes.length] : tests[i % tests.length];
  const dependsOn = i === 0 ? '    restart: unless-stopped\n' : `    depends_on:\n      - svc-${String(i - 1).padStart(4, '0')}\n`;
  return (
    `  ${name}:\n` +
    `    image: registry.example.com/team/${name}:1.${i % 10}.0\n` +
    `    environment:\n` +
    `      LOG_LEVEL: info\n` +
    `      PORT: "${port}"\n` +
    `    ports:\n` +
    `      - "${port}:${port}"\n` +
    dependsOn +
    `    healthcheck:\n` +
    `      test: ${test}\n` +
    `      interval: ${broken && i % 3 === 0 ? '0s' : '10s'}\n` +
    `      timeout: 3s\n`
  );
}

/** About 13 lines per service: 1,000 services ≈ 13,000 lines. */
export function manyServices(count: number): string {
  let text = 'name: generated\nservices:\n';
  for (let i = 0; i < count; i++) text += service(i, 50);
  return text;
}

/** A typical hand-written compose file of about 300 lines. */
export function typicalComposeFile(): string {
  const head = `name: shop
x-healthcheck: &default-healthcheck
  interval: 10s
  timeout: 5s
  retries: 5
  start_period: 30s

x-logging: &logging
  driver: json-file
  options:
    max-size: "10m"
    max-file: "3"

services:
  db:
    image: postgres:16
    restart: unless-stopped
    environment:
      POSTGRES_USER: shop
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-secret}
      POSTGRES_DB: shop
    volumes:
      - db-data:/var/lib/postgresql/data
    logging: *logging
    healthcheck:
      <<: *default-healthcheck
      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER -d $$POSTGRES_DB"]
  cache:
    image: redis:7
    command: ["redis-server", "--appendonly", "yes"]
    logging: *logging
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 5s
      timeout: 3s
      retries: 10
`;
  let text = head;
  for (let i = 0; i < 19; i++) {
    const name = `api-${i}`;
    const mistake = i === 7 ? 'curl http://localhost:8080/health' : i === 13 ? '["CMD", "wget -qO- http://localhost:8080/ || exit 1"]' : `["CMD", "wget", "-q", "--spider", "http://localhost:8080/health"]`;
    text +=
      `  ${name}:\n` +
      `    image: shop/${name}:\${TAG:-latest}\n` +
      `    restart: unless-stopped\n` +
      `    environment:\n` +
      `      DATABASE_URL: postgres://shop:\${POSTGRES_PASSWORD:-secret}@db:5432/shop\n` +
      `      REDIS_URL: redis://cache:6379\n` +
      `    depends_on:\n` +
      `      db:\n` +
      `        condition: service_healthy\n` +
      `      cache:\n` +
      `        condition: service_healthy\n` +
      `    logging: *logging\n` +
      `    healthcheck:\n` +
      `      <<: *default-healthcheck\n` +
      `      test: ${mistake}\n`;
  }
  return `${text}volumes:\n  db-data:\n`;
}
