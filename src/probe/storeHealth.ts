import { ChangeCoalescer } from '../core/health/coalesce';
import type { ContainerRecord, EngineId, HealthState } from '../core/health/model';
import type { HealthStore } from '../core/health/store';
import { COMPOSE_LABELS } from '../core/identity/labels';
import type { LabelledContainer } from '../core/engine/types';
import type { LiveHealthSource } from '../core/probe/liveHealth';

/** At most one lens redraw per this many ms, as for the Services view (src/tree/register.ts). */
const REDRAW_INTERVAL_MS = 100;

/**
 * The lens's live state from the health store the engine's event stream feeds: its status, its changes
 * (merged by the same ChangeCoalescer as the tree's), and its list of Compose containers, so a redraw
 * neither lists nor re-inspects. A container the store does not know yet (the stream has not
 * resynchronised) is left to the lens's own inspect. `engineOf` is the engine a compose file's probes
 * run on: only its containers are that file's lens's.
 */
export function liveHealthFromStore(store: HealthStore, engineOf: (file: string) => EngineId): LiveHealthSource {
  let listed: { state: HealthState; engineId: EngineId; containers: LabelledContainer[] } | undefined;
  return {
    onDidChange: (listener) => {
      const coalescer = new ChangeCoalescer(REDRAW_INTERVAL_MS, listener);
      const subscription = store.onDidChange((change) => coalescer.push(change));
      return {
        dispose: () => {
          subscription.dispose();
          coalescer.dispose();
        },
      };
    },
    lookup: (containerId) => {
      const record = store.container(containerId);
      if (!record) return undefined;
      const last = record.details?.probeLog.at(-1);
      return {
        status: record.health,
        lastProbe: last ? { end: new Date(last.end), exitCode: last.exitCode, output: last.output } : undefined,
      };
    },
    containers: (file) => {
      // The store holds the list of the last resync plus every event since; before the first resync (or
      // after the engine was lost) it knows nothing.
      const state = store.state;
      const engine = engineOf(file);
      if (state.engines.get(engine)?.kind !== 'connected') return undefined;
      if (listed?.state !== state || listed.engineId !== engine) {
        listed = { state, engineId: engine, containers: [...state.containers.values()].filter((c) => c.engineId === engine).map(summaryOf) };
      }
      return listed.containers;
    },
  };
}

/** A store record as the engine's list shows it to the probe: the Compose labels it was parsed from, written back. */
function summaryOf(record: ContainerRecord): LabelledContainer {
  const { project, service, workingDir, configFiles, containerNumber, oneOff } = record.compose;
  const labels: Record<string, string> = { [COMPOSE_LABELS.project]: project, [COMPOSE_LABELS.service]: service };
  if (workingDir !== undefined) labels[COMPOSE_LABELS.workingDir] = workingDir;
  // Already absolute (resolveConfigFiles), so resolving them again against working_dir changes nothing.
  if (configFiles !== undefined) labels[COMPOSE_LABELS.configFiles] = configFiles.join(',');
  if (containerNumber !== undefined) labels[COMPOSE_LABELS.containerNumber] = String(containerNumber);
  if (oneOff) labels[COMPOSE_LABELS.oneOff] = 'True';
  return { id: record.id, name: record.name, state: record.state, labels };
}
