import * as path from 'node:path';
import { dockerConfigDir, platformDefaultUrl, resolveEngineAddress, resolveListedAddress, resolveListedContext, type EngineAddressInputs, type EngineAddressResult } from './address';
import type { EngineId } from '../health/model';

/** One engine the views show: its key in the health store, and how to find it again at each connect. */
export interface EngineEntry {
  id: EngineId;
  /** What the setting says (`tcp://build:2376`, `staging`), or empty for the one engine found by default. */
  written: string;
  /** Resolves the address again (a context's file may have changed since). */
  resolve(inputs: EngineAddressInputs): EngineAddressResult;
}

export interface EngineList {
  engines: EngineEntry[];
  /** One line per entry dropped because an earlier one reaches the same address. */
  collapsed: string[];
}

/**
 * The engines of `composeHealth.engines`: each item an address or a Docker context name. A context name
 * never holds a colon (docker/cli `cli/context/store/store.go` restricts names to
 * `^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$`), so anything with one is an address (`tcp://h:2376`, or `h:2375`,
 * which the CLI reads as tcp).
 * Empty means the one engine found as the Docker CLI finds it (composeHealth.docker.host, DOCKER_HOST, the
 * current context; address.ts), so one engine is the one-item case of the same list. Entries that resolve
 * to the same address are one engine (the first keeps its place); a context that does not resolve keeps
 * its own entry (`context:<name>`), whose connection reports why.
 */
export function engineList(setting: readonly string[] | undefined, inputs: EngineAddressInputs): EngineList {
  const written = (setting ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
  const candidates: Array<Omit<EngineEntry, 'id'>> =
    written.length === 0
      ? [{ written: '', resolve: resolveEngineAddress }]
      : written.map((w) => ({ written: w, resolve: w.includes(':') ? (i: EngineAddressInputs) => resolveListedAddress(w, i) : (i: EngineAddressInputs) => resolveListedContext(w, i) }));
  const engines: EngineEntry[] = [];
  const collapsed: string[] = [];
  for (const candidate of candidates) {
    const resolved = candidate.resolve(inputs);
    const id = resolved.ok ? normalizeUrl(resolved.address.url) : candidate.written.includes(':') ? candidate.written : `context:${candidate.written}`;
    const first = engines.find((e) => e.id === id);
    if (first) {
      collapsed.push(`composeHealth.engines: "${candidate.written}" reaches ${id}, as "${first.written}" does; it is shown once.`);
      continue;
    }
    engines.push({ id, ...candidate });
  }
  return { engines, collapsed };
}

/** `host:2375` is `tcp://host:2375` to the Docker CLI (docker/cli `opts/hosts.go`); a trailing slash changes nothing. */
function normalizeUrl(url: string): string {
  const full = url.includes('://') ? url : `tcp://${url}`;
  return full.length > 1 && full.endsWith('/') && !full.endsWith('://') ? full.slice(0, -1) : full;
}

/** A Docker context as `docker context ls` lists it. */
export interface DockerContext {
  name: string;
  host: string;
  description?: string;
}

/**
 * The contexts in the Docker CLI's store (docker/cli `cli/context/store/metadatastore.go`: one
 * `contexts/meta/<sha256 of the name>/meta.json` each), plus `default`, which the CLI lists without a file.
 */
export function dockerContexts(inputs: EngineAddressInputs, readDir: (dir: string) => string[]): DockerContext[] {
  const contexts: DockerContext[] = [];
  const metaDir = path.join(dockerConfigDir(inputs), 'contexts', 'meta');
  for (const entry of readDir(metaDir)) {
    const text = inputs.readFile(path.join(metaDir, entry, 'meta.json'));
    if (text === undefined) continue;
    let meta: { Name?: unknown; Metadata?: { Description?: unknown }; Endpoints?: { docker?: { Host?: unknown } } };
    try {
      meta = JSON.parse(text);
    } catch {
      // The CLI skips such a context too (`docker context ls` lists the others).
      continue;
    }
    const host = meta?.Endpoints?.docker?.Host;
    if (typeof meta?.Name !== 'string' || typeof host !== 'string') continue;
    const context: DockerContext = { name: meta.Name, host };
    if (typeof meta.Metadata?.Description === 'string' && meta.Metadata.Description) context.description = meta.Metadata.Description;
    contexts.push(context);
  }
  contexts.sort((a, b) => a.name.localeCompare(b.name));
  return [{ name: 'default', host: inputs.env.DOCKER_HOST || platformDefaultUrl(inputs.platform), description: 'DOCKER_HOST, else the platform default' }, ...contexts];
}
