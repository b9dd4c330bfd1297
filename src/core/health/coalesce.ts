import type { Timers } from '../engine/connection';
import type { HealthChange } from './model';

export interface Clock extends Timers {
  now(): number;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Merges changes: structural wins; otherwise the union of services and of details. */
export function mergeChanges(a: HealthChange, b: HealthChange): HealthChange {
  if (a.structural || b.structural) return { structural: true, services: new Set(), details: new Set() };
  return { structural: false, services: new Set([...a.services, ...b.services]), details: new Set([...a.details, ...b.details]) };
}

/**
 * At most one delivery per `intervalMs`: a change after a quiet period goes out at once (so a health
 * change reaches the tree without delay), changes inside the interval are merged and go out together
 * at its end. Only a timer for that pending delivery ever runs; nothing runs while idle.
 */
export class ChangeCoalescer {
  private pending: HealthChange | undefined;
  private timer: unknown;
  private lastDelivery = Number.NEGATIVE_INFINITY;
  /** Changes pushed and deliveries made, for the benchmarks and tests. */
  readonly stats = { received: 0, delivered: 0 };

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (change: HealthChange) => void,
    private readonly clock: Clock = realClock,
  ) {}

  push(change: HealthChange): void {
    this.stats.received++;
    this.pending = this.pending ? mergeChanges(this.pending, change) : change;
    if (this.timer !== undefined) return;
    const wait = this.lastDelivery + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const change = this.pending;
    this.pending = undefined;
    if (!change) return;
    this.lastDelivery = this.clock.now();
    this.stats.delivered++;
    this.deliver(change);
  }
}
