import * as vscode from 'vscode';
import type { ServiceEntry } from '../core/compose/model';
import { describeDrift } from '../core/probe/drift';
import type { ComposeFileState } from '../core/probe/serviceStates';
import type { ContainerRun } from './probeResults';

/** The `source` of a probe's diagnostics (failed probe, drift), apart from the rules' `compose-health`. */
export const PROBE_SOURCE = 'probe';
export const DRIFT_CODE = 'probe-drift';
export const FAILED_CODE = 'probe-failed';

/**
 * Problems-panel entries from probing: a failing on-demand run (an error on the `test:` line, until
 * the next edit or run) and drift (information on `healthcheck:`: the container still runs an older
 * check). Both kinds are kept per document and merged into one collection.
 */
export class ProbeDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('compose-health-probe');
  private readonly failures = new Map<string, Map<string, vscode.Diagnostic[]>>();
  private readonly drift = new Map<string, vscode.Diagnostic[]>();

  setFailures(document: vscode.TextDocument, entry: ServiceEntry, runs: ContainerRun[]): void {
    const key = document.uri.toString();
    const hc = entry.healthcheck!;
    const range = toRange(document, hc.testRange ?? hc.keyRange);
    const list = runs.flatMap((run) => {
      const o = run.outcome;
      if (o.kind !== 'result' || o.exitCode === 0) return [];
      const first = o.output.split(/\r?\n/).find((l) => l.trim() !== '')?.trim();
      const diagnostic = new vscode.Diagnostic(
        range,
        `Probe failed in ${run.containerName}: exit ${o.exitCode}${first ? ` · ${first}` : ''}. Docker counts this as a failed check; fix the test (full output: Compose Health log).`,
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = PROBE_SOURCE;
      diagnostic.code = FAILED_CODE;
      return [diagnostic];
    });
    let services = this.failures.get(key);
    if (!services) this.failures.set(key, (services = new Map()));
    services.set(entry.name, list);
    this.publish(document.uri);
  }

  clearFailures(uri: vscode.Uri): void {
    if (this.failures.delete(uri.toString())) this.publish(uri);
  }

  setDrift(document: vscode.TextDocument, services: ServiceEntry[], state: ComposeFileState): void {
    const list: vscode.Diagnostic[] = [];
    if (state.ok) {
      for (const entry of services) {
        for (const running of state.services.get(entry.name)?.running ?? []) {
          if (running.drift.length === 0) continue;
          const diagnostic = new vscode.Diagnostic(
            toRange(document, entry.healthcheck!.keyRange),
            `Container ${running.container.name} still runs the old healthcheck (${describeDrift(running.drift)}). Recreate the service (up -d ${entry.name}) to apply this one.`,
            vscode.DiagnosticSeverity.Information,
          );
          diagnostic.source = PROBE_SOURCE;
          diagnostic.code = DRIFT_CODE;
          list.push(diagnostic);
        }
      }
    }
    this.drift.set(document.uri.toString(), list);
    this.publish(document.uri);
  }

  forget(uri: vscode.Uri): void {
    this.failures.delete(uri.toString());
    this.drift.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }

  private publish(uri: vscode.Uri): void {
    const key = uri.toString();
    const failures = [...(this.failures.get(key)?.values() ?? [])].flat();
    this.collection.set(uri, [...failures, ...(this.drift.get(key) ?? [])]);
  }
}

function toRange(document: vscode.TextDocument, range: { start: number; end: number }): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}
