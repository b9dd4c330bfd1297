/**
 * A live view of container health that the CodeLens can follow instead of inspecting on demand (the
 * extension's HealthStore, fed by the engine's event stream, implements it).
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
