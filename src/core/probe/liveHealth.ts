import type { HealthChange } from '../health/model';
import type { LabelledContainer } from '../engine/types';

/**
 * A live view of container health (the extension's HealthStore, fed by the engine's event stream): the
 * lenses redraw when it changes, show its status, and take the file's containers from its list, so a
 * health change by itself costs the engine nothing (see ServiceInspector for what is still inspected).
 */
export interface LiveHealthSource {
  /** Fires when container health or the set of containers changed, with what changed (merged: at most one call per redraw interval). */
  onDidChange(listener: (change: HealthChange) => void): { dispose(): void };
  /** The latest known health of a container, or undefined when the source does not know it. */
  lookup(containerId: string): LiveHealth | undefined;
  /**
   * Every Compose container (running or not) as the source lists it now, or undefined when it cannot
   * answer: not connected to the engine (yet), so its list says nothing.
   */
  containers(file: string): readonly LabelledContainer[] | undefined;
}

export interface LiveHealth {
  /** `starting`, `healthy`, `unhealthy`, or `none` when the container has no healthcheck. */
  status: string;
  /** Docker's most recent probe of it, from `State.Health.Log`. */
  lastProbe?: { end: Date; exitCode: number; output: string };
}
