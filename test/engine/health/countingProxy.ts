import { rmSync } from 'node:fs';
import net from 'node:net';

/**
 * A unix-socket proxy in front of the Docker socket that counts the HTTP requests going through it, so
 * a benchmark counts what the extension asks the engine at the socket, not what it thinks it asks.
 * The one socket proxy of the engine tests: StallingProxy builds on it.
 */
export class CountingProxy {
  readonly requests: string[] = [];
  /** When each of `requests` went through (Date.now()), so a figure can say when in its window a request came. */
  readonly times: number[] = [];
  private readonly server: net.Server;
  protected readonly sockets = new Set<net.Socket>();

  constructor(
    readonly path: string,
    // The engine under test: DOCKER_HOST's socket when it names one, else the default socket.
    private readonly target = process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice('unix://'.length) : '/var/run/docker.sock',
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  get url(): string {
    return `unix://${this.path}`;
  }

  listen(): Promise<void> {
    rmSync(this.path, { force: true });
    return new Promise((resolve) => this.server.listen(this.path, resolve));
  }

  /** Requests by `METHOD /path`, e.g. { 'GET /events': 1, 'GET /containers/json': 1 }. */
  tally(from = 0): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.requests.slice(from)) {
      const key = r.replace(/\/containers\/[0-9a-f]{12,}\//, '/containers/{id}/');
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Takes a client's connection: here always forwarded to the engine (a subclass may hold it instead). */
  protected accept(client: net.Socket): void {
    this.forward(client);
  }

  /** Pipes a client's connection to the engine and back, recording each request that goes through. */
  protected forward(client: net.Socket): void {
    const upstream = net.connect(this.target);
    this.sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      // Request heads are small and arrive whole; each `METHOD /path HTTP/1.x` line starts one request.
      for (const m of chunk.toString('latin1').matchAll(/(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\/[^ ?]*)[^ ]* HTTP\/1\.[01]\r\n/g)) {
        this.requests.push(this.record(m[1], m[2]));
        this.times.push(Date.now());
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  }

  /** How a request is recorded in `requests`: `METHOD /path`, without the query. */
  protected record(method: string, path: string): string {
    return `${method} ${path}`;
  }
}
