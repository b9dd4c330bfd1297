/**
 * A live view of container health (the extension's HealthStore, fed by the engine's event stream):
 * its change event redraws the lenses when health changes by itself, and its status is what they show.
 * The lenses still inspect the file's containers when they redraw, for the drift and the probe plan.
 */
export interface LiveHealthSource {
  /** Fires whenever any container's health changed. */
  onDidChange(listener: () => void): { dispose(): void };
  /** The latest known health of a container, or undefined when the source does not know it. */
  lookup(containerId: string): LiveHealth | undefined;
}

export interface LiveHealth {
  /** `starting`, `healthy`, `unhealthy`, or `none` when the container has no healthcheck. */
  status: string;
  /** Docker's most recent probe of it, from `State.Health.Log`. */
  lastProbe?: { end: Date; exitCode: number; output: string };
}
