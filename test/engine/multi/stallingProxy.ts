import type net from 'node:net';
import { CountingProxy } from '../health/countingProxy';

/**
 * A unix-socket proxy in front of an engine that can be made unreachable without stopping the engine
 * (which other tests on this machine share): `stall()` cuts every open connection (the events stream
 * ends as when a network drops) and from then on accepts connections but answers nothing, like an engine
 * behind a dead link or one taking far longer than a request may wait; `resume()` forwards again.
 * It counts the requests that reach the engine as CountingProxy does (it is one), without the API
 * version prefix.
 */
export class StallingProxy extends CountingProxy {
  /** Connections accepted while stalled, still waiting for an answer. */
  held = 0;
  private stalled = false;
  private heldWaiters: Array<() => void> = [];

  constructor(path: string, target: string) {
    super(path, target);
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

  protected override accept(client: net.Socket): void {
    if (!this.stalled) {
      this.forward(client);
      return;
    }
    this.sockets.add(client);
    this.held++;
    client.on('close', () => {
      this.held--;
      this.sockets.delete(client);
    });
    client.on('error', () => client.destroy());
    for (const resolve of this.heldWaiters.splice(0)) resolve();
  }

  protected override record(method: string, path: string): string {
    return super.record(method, path.replace(/^\/v[\d.]+/, ''));
  }
}
