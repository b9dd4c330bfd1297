import { createHash } from 'node:crypto';
import * as path from 'node:path';

/**
 * Where the Docker Engine is, decided the way the Docker CLI decides it (docker/cli
 * `cli/command/cli.go` resolveContextName and `cli/context/docker/load.go`), with our own setting first.
 */
export interface EngineAddress {
  /** The endpoint as Docker writes it: `unix:///var/run/docker.sock`, `tcp://host:2376`, `npipe:////./pipe/docker_engine`, `ssh://user@host`. */
  url: string;
  source: EngineAddressSource;
  /** TLS for `tcp://`: certificate files (paths) and whether the server certificate is verified. */
  tls?: EngineTls;
}

export type EngineAddressSource =
  /** `setting` names the setting when it is not `composeHealth.docker.host` (an entry of `composeHealth.engines`). */
  | { kind: 'setting'; setting?: string }
  | { kind: 'env' }
  | { kind: 'context'; name: string; origin: 'DOCKER_CONTEXT' | 'config' | 'engines' }
  | { kind: 'default' };

export interface EngineTls {
  verify: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/** Everything the resolution reads, passed in so that tests give a fake file system and environment. */
export interface EngineAddressInputs {
  /** `composeHealth.docker.host`; empty means unset. */
  setting?: string;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  platform: NodeJS.Platform;
  /** The file's text, or undefined when it does not exist. */
  readFile(file: string): string | undefined;
  exists(file: string): boolean;
}

export type EngineAddressResult = { ok: true; address: EngineAddress } | { ok: false; error: string };

/** docker/cli `opts/hosts.go`: the platform's default daemon address. */
export function platformDefaultUrl(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';
}

/** docker/cli `cli/config/config.go` Dir(): DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(inputs: Pick<EngineAddressInputs, 'env' | 'homeDir'>): string {
  return inputs.env.DOCKER_CONFIG || path.join(inputs.homeDir, '.docker');
}

/** An address written in `composeHealth.engines` (`unix://`, `tcp://`, `ssh://`, …), with TLS as for DOCKER_HOST. */
export function resolveListedAddress(url: string, inputs: EngineAddressInputs): EngineAddressResult {
  return withHost(url, { kind: 'setting', setting: 'composeHealth.engines' }, inputs, dockerConfigDir(inputs));
}

/** A Docker context named in `composeHealth.engines`. */
export function resolveListedContext(name: string, inputs: EngineAddressInputs): EngineAddressResult {
  // The CLI's `default` context is DOCKER_HOST, else the platform's socket (docker/cli `cli/command/defaultcontextstore.go`).
  if (name === 'default') return { ok: true, address: { url: inputs.env.DOCKER_HOST || platformDefaultUrl(inputs.platform), source: { kind: 'context', name, origin: 'engines' } } };
  return fromContext(name, 'engines', inputs, dockerConfigDir(inputs));
}

export function resolveEngineAddress(inputs: EngineAddressInputs): EngineAddressResult {
  const { env } = inputs;
  const configDir = dockerConfigDir(inputs);
  const setting = inputs.setting?.trim();
  if (setting) return withHost(setting, { kind: 'setting' }, inputs, configDir);
  // The CLI ignores contexts when DOCKER_HOST is set (resolveContextName returns "default").
  if (env.DOCKER_HOST) return withHost(env.DOCKER_HOST, { kind: 'env' }, inputs, configDir);

  let contextName = env.DOCKER_CONTEXT;
  let origin: 'DOCKER_CONTEXT' | 'config' = 'DOCKER_CONTEXT';
  if (!contextName) {
    const configFile = path.join(configDir, 'config.json');
    const text = inputs.readFile(configFile);
    if (text !== undefined) {
      let config: unknown;
      try {
        config = JSON.parse(text);
      } catch (error) {
        return { ok: false, error: `Cannot read ${configFile}: ${(error as Error).message}. Fix the JSON or set composeHealth.docker.host.` };
      }
      const current = (config as { currentContext?: unknown } | null)?.currentContext;
      if (typeof current === 'string' && current) contextName = current;
      origin = 'config';
    }
  }
  if (!contextName || contextName === 'default') {
    return { ok: true, address: { url: platformDefaultUrl(inputs.platform), source: { kind: 'default' } } };
  }
  return fromContext(contextName, origin, inputs, configDir);
}

function withHost(url: string, source: EngineAddressSource, inputs: EngineAddressInputs, configDir: string): EngineAddressResult {
  const { env } = inputs;
  const address: EngineAddress = { url: url.trim(), source };
  // docker/cli `cli/flags/options.go`: DOCKER_TLS_VERIFY (any non-empty value) turns on verified TLS,
  // with the certificates in DOCKER_CERT_PATH, else the configuration directory.
  if (env.DOCKER_TLS_VERIFY && isTcp(address.url)) {
    const certPath = env.DOCKER_CERT_PATH || configDir;
    address.tls = tlsFiles(certPath, true, inputs);
  }
  return { ok: true, address };
}

/** Context metadata lives in `meta/<sha256 of the name>/meta.json` (docker/cli `cli/context/store/metadatastore.go`). */
function fromContext(name: string, origin: 'DOCKER_CONTEXT' | 'config' | 'engines', inputs: EngineAddressInputs, configDir: string): EngineAddressResult {
  const id = createHash('sha256').update(name).digest('hex');
  const metaFile = path.join(configDir, 'contexts', 'meta', id, 'meta.json');
  const from = origin === 'DOCKER_CONTEXT' ? 'DOCKER_CONTEXT' : origin === 'engines' ? 'composeHealth.engines' : `currentContext in ${path.join(configDir, 'config.json')}`;
  const text = inputs.readFile(metaFile);
  if (text === undefined) {
    const fix = origin === 'engines' ? 'remove it from composeHealth.engines or create it again' : 'set composeHealth.docker.host';
    return { ok: false, error: `Docker context "${name}" (from ${from}) does not exist: ${metaFile} is missing. Run \`docker context ls\`, or ${fix}.` };
  }
  let meta: { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Cannot read Docker context "${name}" (${metaFile}): ${(error as Error).message}.` };
  }
  const endpoint = meta?.Endpoints?.docker;
  if (!endpoint || typeof endpoint.Host !== 'string' || !endpoint.Host) {
    return { ok: false, error: `Docker context "${name}" (${metaFile}) has no Docker endpoint host. Run \`docker context inspect ${name}\`.` };
  }
  const address: EngineAddress = { url: endpoint.Host, source: { kind: 'context', name, origin } };
  // TLS material sits beside the metadata: tls/<same id>/docker/{ca,cert,key}.pem (docker/cli
  // `cli/context/store/tlsstore.go`); a context with no files there talks plain TCP.
  const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
  if (isTcp(address.url) && (inputs.exists(path.join(tlsDir, 'ca.pem')) || inputs.exists(path.join(tlsDir, 'cert.pem')))) {
    address.tls = tlsFiles(tlsDir, endpoint.SkipTLSVerify !== true, inputs);
  } else if (isTcp(address.url) && endpoint.SkipTLSVerify === true) {
    address.tls = { verify: false };
  }
  return { ok: true, address };
}

function tlsFiles(dir: string, verify: boolean, inputs: EngineAddressInputs): EngineTls {
  const tls: EngineTls = { verify };
  const pick = (file: string) => (inputs.exists(path.join(dir, file)) ? path.join(dir, file) : undefined);
  const ca = pick('ca.pem');
  const cert = pick('cert.pem');
  const key = pick('key.pem');
  if (ca) tls.caFile = ca;
  if (cert) tls.certFile = cert;
  if (key) tls.keyFile = key;
  return tls;
}

function isTcp(url: string): boolean {
  return url.startsWith('tcp://') || !url.includes('://');
}

/** How the tree names the engine's origin: "DOCKER_HOST", "context desktop-linux", … */
export function describeAddressSource(source: EngineAddressSource): string {
  switch (source.kind) {
    case 'setting':
      return `setting ${source.setting ?? 'composeHealth.docker.host'}`;
    case 'env':
      return 'DOCKER_HOST';
    case 'context':
      return `Docker context "${source.name}"`;
    case 'default':
      return 'platform default';
  }
}
