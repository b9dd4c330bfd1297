import type { ProbeOutcome } from '../core/probe/runProbe';

/** One container's latest on-demand probe. */
export interface ContainerRun {
  containerId: string;
  containerName: string;
  outcome: ProbeOutcome;
  /** What ran, as argv (for the log and tooltips). */
  argv: string[];
}

export interface ServiceRun {
  /** A probe is in flight. */
  running: boolean;
  runs: ContainerRun[];
}

/**
 * Results of on-demand probes per document and service. They describe the text that was probed, so a
 * document edit drops that document's results (`clear`); listeners (CodeLens, diagnostics) re-render.
 */
export class ProbeResults {
  private readonly byDocument = new Map<string, Map<string, ServiceRun>>();
  private readonly listeners = new Set<(documentKey: string) => void>();

  onDidChange(listener: (documentKey: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get(documentKey: string, service: string): ServiceRun | undefined {
    return this.byDocument.get(documentKey)?.get(service);
  }

  services(documentKey: string): Map<string, ServiceRun> {
    return this.byDocument.get(documentKey) ?? new Map();
  }

  start(documentKey: string, service: string): void {
    this.serviceMap(documentKey).set(service, { running: true, runs: [] });
    this.fire(documentKey);
  }

  add(documentKey: string, service: string, run: ContainerRun): void {
    const entry = this.byDocument.get(documentKey)?.get(service);
    if (!entry) return;
    entry.runs.push(run);
    this.fire(documentKey);
  }

  finish(documentKey: string, service: string): void {
    const entry = this.byDocument.get(documentKey)?.get(service);
    if (!entry) return;
    entry.running = false;
    this.fire(documentKey);
  }

  clear(documentKey: string): void {
    if (this.byDocument.delete(documentKey)) this.fire(documentKey);
  }

  private serviceMap(documentKey: string): Map<string, ServiceRun> {
    let map = this.byDocument.get(documentKey);
    if (!map) this.byDocument.set(documentKey, (map = new Map()));
    return map;
  }

  private fire(documentKey: string): void {
    for (const listener of this.listeners) listener(documentKey);
  }
}
