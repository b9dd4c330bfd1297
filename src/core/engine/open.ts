import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type Docker from 'dockerode';
import { resolveEngineAddress, type EngineAddressInputs, type EngineAddressResult } from './address';
import type { OpenResult } from './connection';
import { DockerodeEngineClient } from './dockerodeClient';
import { dockerodeOptions } from './dockerodeOptions';
import { knownHostsFiles } from './knownHosts';

export interface OpenEngineInputs extends EngineAddressInputs {
  /** Reads TLS certificate files. */
  readBinary(file: string): Buffer;
}

/**
 * What address resolution reads on this machine (environment, Docker config and contexts under the home
 * folder, certificate files), for the extension (with its `composeHealth.docker.host` setting) and the
 * command line alike.
 */
export function hostEngineInputs(setting?: string): OpenEngineInputs {
  return {
    setting,
    env: process.env,
    homeDir: homedir(),
    platform: process.platform,
    readFile: (file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: existsSync,
    readBinary: (file) => readFileSync(file),
  };
}

/**
 * Resolves the engine address (as the Docker CLI does, unless `resolve` says how: one entry of
 * composeHealth.engines) and builds the dockerode client for it (no request is made yet).
 */
export function openDockerodeEngine(inputs: OpenEngineInputs, resolve: (inputs: EngineAddressInputs) => EngineAddressResult = resolveEngineAddress): OpenResult<DockerodeEngineClient> {
  const resolved = resolve(inputs);
  if (!resolved.ok) return { ok: false, error: resolved.error };
  const { address } = resolved;
  const knownHosts = address.url.startsWith('ssh://') ? knownHostsFiles(inputs.homeDir).map((file) => inputs.readFile(file) ?? '').join('\n') : '';
  const options = dockerodeOptions(address, inputs.env, inputs.readBinary, knownHosts);
  if (!options.ok) return { ok: false, url: address.url, error: options.error };
  try {
    return { ok: true, address, client: new DockerodeEngineClient(new (loadDockerode())(options.options), address) };
  } catch (error) {
    // docker-modem reads DOCKER_HOST / DOCKER_CERT_PATH itself while constructing and can throw on them.
    return { ok: false, url: address.url, error: `Cannot use the Docker address ${address.url}: ${(error as Error).message}` };
  }
}

/**
 * dockerode is required at the first open, not when this module loads: with ssh2 and the gRPC stack it
 * pulls in, it is most of the extension's code, and activation connects nothing. The extension's
 * bundle resolves this require to dist/engine.js (esbuild.mjs); Node caches it after the first call.
 */
function loadDockerode(): typeof Docker {
  return require('dockerode') as typeof Docker;
}
