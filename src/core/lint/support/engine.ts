import type { EngineTarget } from '../types';

/** `1.41` → [1, 41]; `20.10.24+dfsg1` → [20, 10, 24]; undefined when it does not start with a number. */
export function versionParts(version: string): number[] | undefined {
  const match = /^v?(\d+(?:\.\d+)*)/.exec(version.trim());
  return match ? match[1].split('.').map(Number) : undefined;
}

/** -1, 0 or 1, missing parts read as 0 (`25` = `25.0.0`). */
export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * Whether the engine takes `healthcheck.start_interval`: it came with API 1.44 = Docker Engine 25, and
 * docker/compose `pkg/compose/create.go` compares the API version against 1.44. The API version decides
 * when known (Podman 4 reports its own version number, with API 1.41); else the engine's version.
 * Undefined when nothing is known.
 */
export function takesStartInterval(engine: EngineTarget | undefined): boolean | undefined {
  const api = engine?.apiVersion ? versionParts(engine.apiVersion) : undefined;
  if (api) return compareVersions(api, [1, 44]) >= 0;
  const version = engine?.version ? versionParts(engine.version) : undefined;
  return version ? compareVersions(version, [25]) >= 0 : undefined;
}
