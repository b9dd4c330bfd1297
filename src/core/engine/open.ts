import Docker from 'dockerode';
import { resolveEngineAddress, type EngineAddressInputs } from './address';
import type { OpenResult } from './connection';
import { DockerodeEngineClient } from './dockerodeClient';
import { dockerodeOptions } from './dockerodeOptions';

export interface OpenEngineInputs extends EngineAddressInputs {
  /** Reads TLS certificate files. */
  readBinary(file: string): Buffer;
}

/** Resolves the engine address and builds the dockerode client for it (no request is made yet). */
export function openDockerodeEngine(inputs: OpenEngineInputs): OpenResult<DockerodeEngineClient> {
  const resolved = resolveEngineAddress(inputs);
  if (!resolved.ok) return { ok: false, error: resolved.error };
  const { address } = resolved;
  const options = dockerodeOptions(address, inputs.env, inputs.readBinary);
  if (!options.ok) return { ok: false, url: address.url, error: options.error };
  try {
    return { ok: true, address, client: new DockerodeEngineClient(new Docker(options.options), address) };
  } catch (error) {
    // docker-modem reads DOCKER_HOST / DOCKER_CERT_PATH itself while constructing and can throw on them.
    return { ok: false, url: address.url, error: `Cannot use the Docker address ${address.url}: ${(error as Error).message}` };
  }
}
