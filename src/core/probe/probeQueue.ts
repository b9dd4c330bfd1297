/** A run's turn on its container; `release` lets the next run on that container start. */
export interface ProbeTurn {
  release(): void;
}

/**
 * Keeps probe runs from overlapping on one container, as Docker's monitor never overlaps them (moby
 * daemon/health.go `monitor`: the next probe is scheduled only after the previous result, and a
 * timed-out probe is waited for before that result). A second run on the same container waits for the
 * first (and for its process to be ended) instead of being refused: the user sees it wait in its
 * progress notification and can cancel it, and a caller running several candidate checks in a row gets
 * them in order without retry logic. Runs on different containers do not wait for each other.
 */
export class ProbeQueue {
  /** Per container, the turn the next run waits for. */
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Resolves when every earlier run on `containerId` has released its turn, or with undefined when
   * `signal` aborts first (the run is then out of the line; later runs do not wait for it).
   */
  async turn(containerId: string, signal?: AbortSignal, onWaiting?: () => void): Promise<ProbeTurn | undefined> {
    if (signal?.aborted) return undefined;
    const previous = this.tails.get(containerId);
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    // The next run waits for this one's release AND for everything before it, so that a run cancelled
    // while waiting does not let the one behind it jump ahead of a run still in progress.
    const tail = previous ? Promise.all([previous, done]).then(() => undefined) : done;
    this.tails.set(containerId, tail);
    void tail.then(() => {
      if (this.tails.get(containerId) === tail) this.tails.delete(containerId);
    });
    if (previous) {
      onWaiting?.();
      const cancelled = await new Promise<boolean>((resolve) => {
        const onAbort = (): void => resolve(true);
        signal?.addEventListener('abort', onAbort, { once: true });
        void previous.then(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve(false);
        });
      });
      if (cancelled) {
        release();
        return undefined;
      }
    }
    return { release };
  }
}
