import type { Discovery, Tool } from './discover';
import { loopbackHosts, urlHost, type Listener } from './procNet';

export type CandidateKind = 'service-tool' | 'http' | 'tcp';

/** One healthcheck to try, in Docker's stored form. */
export interface Candidate {
  /** `["CMD", …]`, or `["CMD-SHELL", cmd]` only when the command needs a shell and the image has one. */
  test: string[];
  kind: CandidateKind;
  /** What it checks, in words: `GET http://127.0.0.1:8080/health with BusyBox wget`. */
  description: string;
}

/** Paths health endpoints are commonly served on, most specific first; `/` last (it proves the least). */
export const HEALTH_PATHS = ['/health', '/healthz', '/ready', '/status', '/ping', '/'] as const;

/** Services recognised by their image, with the port their own tool talks to. */
interface KnownService {
  name: string;
  /** Matches the image's repository name (the last path segment, without tag or digest). */
  image: RegExp;
  port: number;
}

const KNOWN_SERVICES: readonly KnownService[] = [
  { name: 'postgres', image: /^(postgres|postgresql|postgis|timescaledb(-ha)?)$/, port: 5432 },
  { name: 'redis', image: /^(redis|redis-stack(-server)?)$/, port: 6379 },
  { name: 'mariadb', image: /^mariadb$/, port: 3306 },
  { name: 'mysql', image: /^(mysql|mysql-server|percona(-server)?)$/, port: 3306 },
  { name: 'mongo', image: /^(mongo|mongodb(-community-server)?)$/, port: 27017 },
  { name: 'rabbitmq', image: /^rabbitmq$/, port: 5672 },
];

/** Ports of protocols that are not HTTP: a GET there proves nothing and can hang until the timeout. */
const NOT_HTTP_PORTS = new Set([22, 25, 53, 3306, 4369, 5432, 5672, 6379, 11211, 25672, 27017]);

/**
 * Docker's embedded DNS server for user-defined networks (every Compose project's) listens inside the
 * container on 127.0.0.11 at a random port (moby libnetwork/resolver.go): not the service's, and its
 * port changes with every container.
 */
export function isDockerDns(listener: Listener): boolean {
  return listener.family === 4 && listener.address === '127.0.0.11';
}

/** `docker.io/library/postgres:16-alpine@sha256:…` → `postgres`. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0];
  const last = withoutDigest.split('/').pop() ?? '';
  return last.split(':')[0].toLowerCase();
}

/** The ports to try, in order: ports the container listens on (those it also declares first), else the declared ones. */
export function portsToTry(discovery: Discovery): Array<{ port: number; hosts: string[] }> {
  if (discovery.listeners) {
    const listeners = discovery.listeners.filter((l) => !isDockerDns(l));
    const ports = [...new Set(listeners.map((l) => l.port))];
    const declared = new Set(discovery.declaredPorts);
    ports.sort((a, b) => Number(declared.has(b)) - Number(declared.has(a)) || a - b);
    return ports.map((port) => ({ port, hosts: loopbackHosts(listeners, port) })).filter((p) => p.hosts.length > 0);
  }
  // Nothing could read /proc/net: where the port listens is unknown, so both loopbacks are tried.
  return discovery.declaredPorts.map((port) => ({ port, hosts: ['127.0.0.1', '::1'] }));
}

/**
 * Every candidate for this container, strongest first: the service's own client for a recognised
 * image (it checks the service answers its protocol, not just that a port is open), then an HTTP GET
 * of each common health path on each listening port with a client that fails on HTTP errors, then a
 * bare TCP connect. Only programs found in the container are used; `CMD-SHELL` only where a pipe is
 * needed and a shell exists.
 */
export function buildCandidates(discovery: Discovery): Candidate[] {
  const ports = portsToTry(discovery);
  return [...serviceToolCandidates(discovery, ports), ...httpCandidates(discovery, ports), ...tcpCandidates(discovery, ports)];
}

function serviceToolCandidates(discovery: Discovery, ports: Array<{ port: number; hosts: string[] }>): Candidate[] {
  const { tools, shell } = discovery;
  const repository = imageRepository(discovery.container.image);
  const listening = new Set(ports.map((p) => p.port));
  const out: Candidate[] = [];
  const add = (kind: string, test: string[], what: string): void => {
    out.push({ test, kind: 'service-tool', description: `${what} (${kind})` });
  };
  for (const known of KNOWN_SERVICES) {
    // The image says what it is; an unrecognised image that listens on the service's port counts too.
    if (!known.image.test(repository) && !listening.has(known.port)) continue;
    const port = ports.find((p) => p.port === known.port);
    const host = port?.hosts[0];
    const why = known.image.test(repository) ? `${known.name} image` : `port ${known.port} listens`;
    switch (known.name) {
      case 'postgres':
        if (!tools.has('pg_isready')) break;
        // pg_isready reports whether the server accepts connections; it needs no password (its exit is 0 even when the role does not exist).
        if (host) add(why, ['CMD', 'pg_isready', '-h', host, '-p', String(known.port)], `pg_isready over TCP ${urlHost(host)}:${known.port}`);
        add(why, ['CMD', 'pg_isready'], 'pg_isready on the default socket');
        break;
      case 'redis':
        if (!tools.has('redis-cli')) break;
        if (shell && tools.has('grep')) {
          // redis-cli can exit 0 on an error reply (NOAUTH, LOADING); only PONG means it answers.
          const target = host ? ` -h ${host} -p ${known.port}` : '';
          add(why, ['CMD-SHELL', `redis-cli${target} ping | grep -q PONG`], 'redis-cli ping answered PONG');
        }
        add(why, ['CMD', 'redis-cli', ...(host ? ['-h', host, '-p', String(known.port)] : []), 'ping'], 'redis-cli ping');
        break;
      case 'mariadb':
      case 'mysql':
        // The MariaDB image's own script checks that InnoDB finished initialising, not just the socket.
        if (tools.has('healthcheck.sh')) add(why, ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], "the image's healthcheck.sh");
        for (const admin of ['mariadb-admin', 'mysqladmin'] as const) {
          // `ping` exits 0 when the server answers, even if it then refuses the user.
          if (tools.has(admin)) add(why, ['CMD', admin, 'ping', '-h', host ?? '127.0.0.1', '-P', String(known.port)], `${admin} ping`);
        }
        break;
      case 'mongo':
        for (const client of ['mongosh', 'mongo'] as const) {
          if (tools.has(client)) add(why, ['CMD', client, '--quiet', '--host', host ?? '127.0.0.1', '--port', String(known.port), '--eval', "db.adminCommand('ping').ok"], `${client} ping`);
        }
        break;
      case 'rabbitmq':
        if (tools.has('rabbitmq-diagnostics')) add(why, ['CMD', 'rabbitmq-diagnostics', '-q', 'ping'], 'rabbitmq-diagnostics ping');
        break;
    }
  }
  return out;
}

/** The best HTTP client in the image and the argv that GETs a URL and fails on an HTTP error status. */
function httpClient(discovery: Discovery): { label: string; get: (url: string) => string[] } | undefined {
  const { tools } = discovery;
  const curl = tools.get('curl');
  if (curl) return { label: 'curl', get: (url) => [...curl.argv, '-fsS', url] };
  const wget = tools.get('wget');
  // Both wgets exit non-zero on a 4xx/5xx answer; BusyBox's (1 on any error) and GNU's (8: server error).
  if (wget) return { label: wget.flavor === 'busybox' ? 'BusyBox wget' : 'wget', get: (url) => [...wget.argv, '-q', '-O-', url] };
  for (const name of ['python3', 'python'] as const) {
    const python = tools.get(name);
    // urlopen raises on a 4xx/5xx answer, so the exit is 1.
    if (python) return { label: name, get: (url) => [...python.argv, '-c', `import urllib.request; urllib.request.urlopen(${JSON.stringify(url)}, timeout=10)`] };
  }
  const node = tools.get('node');
  if (node) {
    return {
      label: 'node',
      get: (url) => [...node.argv, '-e', `require('http').get(${JSON.stringify(url)},r=>process.exit(r.statusCode<400?0:1)).on('error',()=>process.exit(1))`],
    };
  }
  return undefined;
}

function httpCandidates(discovery: Discovery, ports: Array<{ port: number; hosts: string[] }>): Candidate[] {
  const client = httpClient(discovery);
  if (!client) return [];
  const out: Candidate[] = [];
  for (const { port, hosts } of ports) {
    if (NOT_HTTP_PORTS.has(port)) continue;
    for (const host of hosts) {
      for (const path of HEALTH_PATHS) {
        const url = `http://${urlHost(host)}:${port}${path}`;
        out.push({ test: ['CMD', ...client.get(url)], kind: 'http', description: `GET ${url} with ${client.label}` });
      }
    }
  }
  return out;
}

/** A program that opens a TCP connection and closes it, exit 0 when the port accepted it. */
function tcpConnector(discovery: Discovery): { label: string; connect: (host: string, port: number) => string[] } | undefined {
  const { tools } = discovery;
  for (const name of ['nc', 'ncat'] as const) {
    const nc = tools.get(name);
    if (nc?.zeroIo) return { label: `${name} -z`, connect: (host, port) => [...nc.argv, '-z', '-w', '3', host, String(port)] };
  }
  const nc = tools.get('nc');
  // BusyBox's nc has no -z: with no stdin (a probe's exec has none) it connects, sends nothing and exits 0.
  if (nc?.flavor === 'busybox') return { label: 'BusyBox nc', connect: (host, port) => [...nc.argv, '-w', '3', host, String(port)] };
  const bash = tools.get('bash');
  if (bash) return { label: 'bash /dev/tcp', connect: (host, port) => [...bash.argv, '-c', `exec 3<>/dev/tcp/${host}/${port}`] };
  for (const name of ['python3', 'python'] as const) {
    const python = tools.get(name);
    if (python) return { label: name, connect: (host, port) => [...python.argv, '-c', `import socket; socket.create_connection((${JSON.stringify(host)}, ${port}), 5).close()`] };
  }
  return undefined;
}

function tcpCandidates(discovery: Discovery, ports: Array<{ port: number; hosts: string[] }>): Candidate[] {
  const connector = tcpConnector(discovery);
  if (!connector) return [];
  return ports.flatMap(({ port, hosts }) =>
    hosts.map((host): Candidate => ({ test: ['CMD', ...connector.connect(host, port)], kind: 'tcp', description: `TCP connect to ${urlHost(host)}:${port} with ${connector.label}` })),
  );
}

/** For the log and the docs: which tool an HTTP or TCP candidate would use, e.g. to say why none was built. */
export function describeTools(tools: Map<string, Tool>): string {
  return [...tools.values()].map((t) => (t.flavor ? `${t.argv.join(' ')} (${t.flavor})` : t.argv.join(' '))).join(', ') || 'none';
}
