import type { HealthStore } from '../core/health/store';
import type { LiveHealthSource } from '../core/probe/liveHealth';

/**
 * The lens's live state from the health store the engine's event stream feeds, so a lens follows a
 * container's health as it changes instead of inspecting on every redraw. A container the store does
 * not know yet (the stream has not resynchronised) is left to the lens's own inspect.
 */
export function liveHealthFromStore(store: HealthStore): LiveHealthSource {
  return {
    onDidChange: (listener) => store.onDidChange(() => listener()),
    lookup: (containerId) => {
      const record = store.container(containerId);
      if (!record) return undefined;
      const last = record.details?.probeLog.at(-1);
      return {
        status: record.health,
        lastProbe: last ? { end: new Date(last.end), exitCode: last.exitCode, output: last.output } : undefined,
      };
    },
  };
}
