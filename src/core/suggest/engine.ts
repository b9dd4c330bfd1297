import type { EngineFlavor } from '../engine/types';
import type { ProbeContainer, ProbeEngine } from '../probe/engine';

/**
 * What a suggestion needs from the engine. It runs its candidates through the probe runner, which takes
 * the whole `ProbeEngine`, so that is the base; on top, what the probe never asks for. The
 * dockerode adapter's `inspectContainer` already returns both container fields (`InspectedContainer`);
 * `asSuggestEngine` (dockerodeSuggestEngine.ts) adds the image's `EXPOSE` list and, for a local engine, the
 * container's socket tables from this machine's /proc.
 */
export type SuggestEngine = Omit<ProbeEngine, 'inspectContainer'> & {
  inspectContainer(id: string, signal?: AbortSignal): Promise<SuggestContainer>;
  /** `Config.ExposedPorts` of the image (`GET /images/{id}/json`), e.g. `["8080/tcp"]`; empty when none. */
  imageExposedPorts(imageId: string): Promise<string[]>;
  /**
   * The container's `/proc/net/tcp` and `tcp6` read from this machine's /proc, when the engine runs on
   * this machine's kernel and the process there is provably the container's; undefined otherwise. The
   * fallback for images in which nothing can read a file.
   */
  hostNetTables?(containerId: string): Promise<{ tcp: string; tcp6?: string } | undefined>;
};

export interface SuggestContainer extends ProbeContainer {
  /** `Config.Image`, e.g. `postgres:16`: recognises database, cache and broker images. */
  image: string;
  /** `State.StartedAt` (RFC 3339): the start of the measured start-up. */
  startedAt?: string;
}

/** The engine's API version and flavour, asked in this one place (the adapter asks the engine once per client). */
export async function engineFacts(engine: Pick<SuggestEngine, 'apiVersion' | 'engineFlavor'>): Promise<{ apiVersion: string; flavor: EngineFlavor }> {
  const [apiVersion, flavor] = await Promise.all([engine.apiVersion(), engine.engineFlavor()]);
  return { apiVersion, flavor };
}
