import type { EngineClient, EngineFlavor } from '../engine/types';
import type { ProbeEngine } from '../probe/engine';

/**
 * What a suggestion needs from the engine: the probe's part (its candidates run through the probe
 * runner), plus the image's `EXPOSE` list and, for a local engine, the container's socket tables read
 * from this machine's /proc (for images in which nothing can read a file).
 */
export type SuggestEngine = ProbeEngine & Pick<EngineClient, 'imageExposedPorts' | 'containerNetTables'>;

/** The engine's API version and flavour (the client asks `GET /version` once). */
export async function engineFacts(engine: Pick<EngineClient, 'version'>): Promise<{ apiVersion: string; flavor: EngineFlavor }> {
  const { apiVersion, flavor } = await engine.version();
  return { apiVersion, flavor };
}
