import { rmSync } from 'node:fs';
import net from 'node:net';

/**
 * A unix-socket proxy in front of an engine that can be made unreachable without stopping the engine
 * (which other tests on this machine share): `stall()` cuts every open connection (the events stream
 * ends as when a network drops) and from then on accepts connections but answers nothing, like an engine
 * behind a dead link or one taking far longer than a request may wait; `resume()` forwards again.
 * It counts the requests that reach the engine, as CountingProxy does.
 */
export class StallingProxy {
  readonly requests: string[] = [];
  /** Connections accepted while stalled, still waiting for an answer. */
  held = 0;
  private stalled = false;
  private heldWaiters: Array<() => void> = [];
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    readonly path: string,
    private readonly target: string,
  ) {
    this.server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => client.destroy());
      if (this.stalled) {
        this.held++;
        client.on('close', () => this.held--);
        for (const resolve of this.heldWaiters.splice(0)) resolve();
        return;
      }
      const upstream = net.connect(this.target);
      this.sockets.add(upstream);
      client.on('data', (chunk: Buffer) => {
        for (const m of chunk.toString('latin1').matchAll(/(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\/[^ ?]*)[^ ]* HTTP\/1\.[01]\r\n/g)) this.requests.push(`${m[1]} ${m[2].replace(/^\/v[\d.]+/, '')}`);
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => client.write(chunk));
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(upstream);
      };
      client.on('close', close);
      upstream.on('close', close);
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

  stall(): void {
    this.stalled = true;
    for (const s of this.sockets) s.destroy();
  }

  resume(): void {
    this.stalled = false;
    // Held connections were never answered: close them, so the client's pending request fails and its
    // next attempt comes through.
    for (const s of this.sockets) s.destroy();
  }

  /** Resolves once a connection is being held unanswered (at once if one is). */
  whenHeld(): Promise<void> {
    return this.held > 0 ? Promise.resolve() : new Promise((resolve) => this.heldWaiters.push(resolve));
  }

  count(request: string): number {
    return this.requests.filter((r) => r === request).length;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
