import { parseServiceKey, type HealthChange } from '../health/model';
import type { ComposeFileState } from './serviceStates';

/**
 * What the lenses drawn for each compose file depend on in the health store: the file's Compose
 * projects (a service of theirs changed state or health) and the running containers a lens shows (a
 * new probe result in their log). A change elsewhere — another project flapping — redraws nothing.
 */
export class LensDependencies {
  private readonly drawn = new Map<string, { projects: ReadonlySet<string>; containers: ReadonlySet<string> }>();

  /** The lenses of `document` were drawn from `state`. */
  record(document: string, state: ComposeFileState): void {
    // Not reached: the store's reconnect is a structural change, which redraws everything anyway.
    if (!state.ok) return void this.drawn.delete(document);
    const containers = new Set<string>();
    for (const service of state.services.values()) for (const r of service.running) containers.add(r.container.id);
    this.drawn.set(document, { projects: new Set(state.projects), containers });
  }

  forget(document: string): void {
    this.drawn.delete(document);
  }

  /** Whether a drawn lens may read differently after `change`. */
  affectedBy(change: HealthChange): boolean {
    // A structural change (engine status, a service's first container or its last one gone) may add or
    // remove the containers of any file.
    if (change.structural) return true;
    for (const { projects, containers } of this.drawn.values()) {
      for (const key of change.services) if (projects.has(parseServiceKey(key).project)) return true;
      for (const id of change.details) if (containers.has(id)) return true;
    }
    return false;
  }
}
