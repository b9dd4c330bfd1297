import { rmSync } from 'node:fs';
import http from 'node:http';

/** A container whose health the proxy flips: its engine id and the labels its events carry. */
export interface FlappingContainer {
  id: string;
  name: string;
  image: string;
  labels: Record<string, string>;
}

/** A health event the proxy added to the stream, with the time it stamped it with (its timeNano, in ms). */
export interface SyntheticEvent {
  id: string;
  service: string;
  health: 'healthy' | 'unhealthy';
  ms: number;
}

/**
 * An HTTP proxy in front of a private dockerd for the 100-health-events-per-second benchmark: this
 * 2-core machine cannot run 100 probes a second (each is a runc exec), so the events are made here.
 * Everything goes to the real engine and back, counted like CountingProxy does, except that:
 * - every `/events` stream gets, besides the engine's own messages, `health_status` messages for the
 *   flapping containers, in the engine's format (moby `daemon/health.go` logs `health_status: <status>`
 *   with the container's labels as attributes), each container turning healthy ↔ unhealthy in turn;
 * - an inspect of a flapping container reports the health last sent for it, so the inspect the
 *   extension makes after each health event (a real request to the real engine) agrees with the event.
 */
export class FlappingProxy {
  readonly requests: string[] = [];
  readonly sent: SyntheticEvent[] = [];
  private readonly server: http.Server;
  private readonly streams = new Set<http.ServerResponse>();
  private readonly health = new Map<string, 'healthy' | 'unhealthy'>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly path: string,
    private readonly target: string,
  ) {
    this.server = http.createServer((request, response) => this.forward(request, response));
    this.server.keepAliveTimeout = 60_000;
  }

  get url(): string {
    return `unix://${this.path}`;
  }

  listen(): Promise<void> {
    rmSync(this.path, { force: true });
    return new Promise((resolve) => this.server.listen(this.path, resolve));
  }

  /**
   * Sends `perSecond` health events a second, round robin over `containers` (each flips once per
   * round), into every open events stream, until `stopFlapping`. Sent as they come due on a 5 ms tick,
   * so a late tick sends the ones it owes at once.
   */
  startFlapping(containers: readonly FlappingContainer[], perSecond: number): void {
    const started = Date.now();
    let count = 0;
    this.timer = setInterval(() => {
      const due = Math.floor(((Date.now() - started) * perSecond) / 1000);
      for (; count < due; count++) this.flip(containers[count % containers.length]);
    }, 5);
  }

  stopFlapping(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Requests by `METHOD /path`, as CountingProxy.tally. */
  tally(from = 0): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of this.requests.slice(from)) {
      const key = r.replace(/\/containers\/[0-9a-f]{12,}\//, '/containers/{id}/');
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  close(): Promise<void> {
    this.stopFlapping();
    for (const s of this.streams) s.destroy();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private flip(container: FlappingContainer): void {
    const health = this.health.get(container.id) === 'healthy' ? 'unhealthy' : 'healthy';
    this.health.set(container.id, health);
    const ms = Date.now();
    const nano = ms * 1e6;
    const message = {
      status: `health_status: ${health}`,
      id: container.id,
      from: container.image,
      Type: 'container',
      Action: `health_status: ${health}`,
      Actor: { ID: container.id, Attributes: { ...container.labels, image: container.image, name: container.name } },
      scope: 'local',
      time: Math.floor(ms / 1000),
      timeNano: nano,
    };
    const line = `${JSON.stringify(message)}\n`;
    for (const stream of this.streams) stream.write(line);
    this.sent.push({ id: container.id, service: container.labels['com.docker.compose.service'] ?? '', health, ms });
  }

  private forward(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = request.url ?? '/';
    const pathname = url.split('?')[0];
    this.requests.push(`${request.method} ${pathname}`);
    const isEvents = /^(\/v[\d.]+)?\/events$/.test(pathname);
    const inspected = /^(?:\/v[\d.]+)?\/containers\/([^/]+)\/json$/.exec(pathname)?.[1];
    const upstream = http.request({ socketPath: this.target, method: request.method, path: url, headers: request.headers }, (reply) => {
      if (isEvents) {
        // Whole lines only, so that a made-up message never lands inside one of the engine's.
        const headers = { ...reply.headers };
        delete headers['content-length'];
        response.writeHead(reply.statusCode ?? 200, headers);
        // The engine sends the head at once (the client counts the stream as open from it); Node holds it until the first write.
        response.flushHeaders();
        this.streams.add(response);
        let pending = '';
        reply.on('data', (chunk: Buffer) => {
          pending += chunk.toString();
          const end = pending.lastIndexOf('\n');
          if (end === -1) return;
          response.write(pending.slice(0, end + 1));
          pending = pending.slice(end + 1);
        });
        reply.on('end', () => response.end());
        response.on('close', () => {
          this.streams.delete(response);
          reply.destroy();
        });
        return;
      }
      const flipped = inspected && reply.statusCode === 200 ? this.flippedHealth(inspected) : undefined;
      if (!flipped) {
        response.writeHead(reply.statusCode ?? 500, reply.headers);
        reply.pipe(response);
        return;
      }
      const chunks: Buffer[] = [];
      reply.on('data', (chunk: Buffer) => chunks.push(chunk));
      reply.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { State?: { Health?: { Status?: string } } };
        if (body.State?.Health) body.State.Health.Status = flipped;
        const text = JSON.stringify(body);
        const headers = { ...reply.headers, 'content-length': String(Buffer.byteLength(text)) };
        delete headers['transfer-encoding'];
        response.writeHead(200, headers);
        response.end(text);
      });
    });
    upstream.on('error', (error) => response.destroy(error));
    request.pipe(upstream);
  }

  /** The health last sent for a container named by id (or its prefix) or name, if it flaps. */
  private flippedHealth(idOrName: string): 'healthy' | 'unhealthy' | undefined {
    for (const [id, health] of this.health) if (id.startsWith(idOrName)) return health;
    return undefined;
  }
}
