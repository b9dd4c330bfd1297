import { rmSync } from 'node:fs';
import net from 'node:net';

/**
 * A unix-socket proxy in front of the Docker socket that counts the HTTP requests going through it, so
 * a benchmark counts what the extension asks the engine at the socket, not what it thinks it asks.
 */
export class CountingProxy {
  readonly requests: string[] = [];
  /** When each of `requests` went through (Date.now()), so a figure can say when in its window a request came. */
  readonly times: number[] = [];
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    readonly path: string,
    // The engine under test: DOCKER_HOST's socket when it names one, else the default socket.
    private readonly target = process.env.DOCKER_HOST?.startsWith('unix://') ? process.env.DOCKER_HOST.slice('unix://'.length) : '/var/run/docker.sock',
  ) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      this.sockets.add(client).add(upstream);
      client.on('data', (chunk: Buffer) => {
        // Request heads are small and arrive whole; each `METHOD /path HTTP/1.x` line starts one request.
        for (const m of chunk.toString('latin1').matchAll(/(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\/[^ ?]*)[^ ]* HTTP\/1\.[01]\r\n/g)) {
          this.requests.push(`${m[1]} ${m[2]}`);
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
    });
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
}
