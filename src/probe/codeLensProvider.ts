import * as vscode from 'vscode';
import { LensDependencies } from '../core/probe/lensDependencies';
import type { LabelledContainer } from '../core/engine/types';
import type { LiveHealth, LiveHealthSource } from '../core/probe/liveHealth';
import { runningWithoutCheck, type ComposeFileState, type ServiceInspector } from '../core/probe/serviceStates';
import type { ComposeDocumentService } from '../compose/documents';
import { serviceLenses, uncheckedServiceLenses, UNTRUSTED_LENS, type LensSpec } from './lensTitles';
import type { ProbeDiagnostics } from './probeDiagnostics';
import type { ProbeResults } from './probeResults';
import { RedrawGate } from './redrawGate';

/**
 * The lenses above every `healthcheck:` block: run the probe, the container's live state or the last
 * probe's result, drift, what to do when no container runs, and a replacement when the check's program
 * is not in the container; above a service with a running container and no healthcheck, a suggestion. In an untrusted workspace only an
 * explanation (nothing asks the engine, nothing runs).
 *
 * A service deployed as a Swarm stack instead (no Compose container, see ServiceInspector) shows its task
 * containers on this engine's node the same way, follows the engine's Swarm model, and offers no Compose
 * action on it.
 *
 * With the health store (`live`), a health change redraws only the files whose projects it touches,
 * and a redraw takes the containers from the store: the engine is asked only about a container it has
 * not inspected before (created or recreated), see ServiceInspector.
 *
 * A health change redraws only when a lens would read differently: the lenses of the files it touches
 * are worked out again (with the time they were drawn at, so "last probe 5 s ago" does not count) and
 * compared with what VS Code shows. Every redraw hands VS Code new lens commands and drops the old
 * ones, so a click on a lens in the middle of a redraw fails with "Actual command not found"; a
 * project flapping elsewhere in the file must not cause that.
 */
export class ProbeCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: { dispose(): void }[] = [];
  private readonly dependencies = new LensDependencies();
  /** Per document drawn: what its lenses read (see `signature`) and the time their titles were written at. */
  private readonly drawn = new Map<string, { signature: string; now: Date }>();
  /** One comparison at a time; a change during one runs another after it. */
  private readonly redraws = new RedrawGate(() => this.anyDiffers(), () => this.changed.fire());

  constructor(
    private readonly documents: ComposeDocumentService,
    private readonly inspector: (file: string) => ServiceInspector,
    private readonly results: ProbeResults,
    private readonly diagnostics: ProbeDiagnostics,
    private readonly live?: LiveHealthSource,
    /** An engine's Swarm model changed: a stack's task containers (or their health) may read differently. */
    swarmChanged?: vscode.Event<unknown>,
  ) {
    this.subscriptions.push(
      results.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      // A file a parse read changed (`.env`: the project name and the values of the checks; a base or
      // `extends` file): the lenses of the files that read it are out of date though their text is not.
      documents.onDidInvalidate(() => this.changed.fire()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.dependencies.forget(document.uri.toString());
        this.drawn.delete(document.uri.toString());
      }),
    );
    if (live) this.subscriptions.push(live.onDidChange((change) => this.dependencies.affectedBy(change) && this.redraws.request()));
    // The model changes with every task event of any stack; the gate redraws only when a lens reads differently.
    if (swarmChanged) this.subscriptions.push(swarmChanged(() => this.redraws.request()));
  }

  /** Asks for fresh lenses (after a Compose action changed the containers). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    const now = new Date();
    let lenses: vscode.CodeLens[];
    try {
      lenses = await this.lensesFor(document, now, abort.signal);
    } finally {
      cancel.dispose();
    }
    if (token.isCancellationRequested) return [];
    this.drawn.set(document.uri.toString(), { signature: signature(lenses), now });
    return lenses;
  }

  /** Whether a drawn file's lenses, worked out again now, read differently (see RedrawGate). */
  private async anyDiffers(): Promise<boolean> {
    for (const [key, drawn] of this.drawn) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (!document) continue;
      if (signature(await this.lensesFor(document, drawn.now, new AbortController().signal)) !== drawn.signature) return true;
    }
    return false;
  }

  private async lensesFor(document: vscode.TextDocument, now: Date, signal: AbortSignal): Promise<vscode.CodeLens[]> {
    const model = this.documents.modelFor(document);
    const services = model.services.filter((s) => s.healthcheck);
    // Services without a healthcheck get a lens only when the live list shows a running container: a
    // redraw asks the engine nothing for them (and an untrusted workspace asks it nothing at all).
    const known = vscode.workspace.isTrusted ? this.live?.containers(document.uri.fsPath) : undefined;
    const unchecked = known ? runningWithoutCheck(document.uri.fsPath, model, known) : new Map<string, LabelledContainer[]>();
    if (services.length === 0 && unchecked.size === 0) return [];
    const anchor = (offset: number): vscode.Range => new vscode.Range(document.positionAt(offset), document.positionAt(offset));
    if (!vscode.workspace.isTrusted) {
      return services.map((s) => this.toLens(anchor(s.healthcheck!.keyRange.start), UNTRUSTED_LENS, document, s.name));
    }
    const state: ComposeFileState = await this.inspector(document.uri.fsPath).inspect(document.uri.fsPath, model, signal, known);
    if (signal.aborted) return [];
    this.diagnostics.setDrift(document, services, state);
    const key = document.uri.toString();
    this.dependencies.record(key, state);
    const live = (id: string): LiveHealth | undefined => this.live?.lookup(id);
    const checkedLenses = services.flatMap((s) =>
      serviceLenses({ service: s.name, file: state, run: this.results.get(key, s.name), live, now }).map((spec) =>
        this.toLens(anchor(s.healthcheck!.keyRange.start), spec, document, s.name),
      ),
    );
    const suggestLenses = model.services
      .filter((s) => !s.healthcheck)
      .flatMap((s) => uncheckedServiceLenses(unchecked.get(s.name) ?? [], live).map((spec) => this.toLens(anchor(s.keyRange.start), spec, document, s.name)));
    return [...checkedLenses, ...suggestLenses];
  }

  private toLens(range: vscode.Range, spec: LensSpec, document: vscode.TextDocument, service: string): vscode.CodeLens {
    // A lens with an empty command id renders as a plain label.
    return new vscode.CodeLens(range, {
      title: spec.title,
      tooltip: spec.tooltip,
      command: spec.command ?? '',
      arguments: spec.serviceArgs ? [document.uri, service] : undefined,
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** What a file's lenses show and do: position, title, tooltip, command and arguments of each. */
function signature(lenses: readonly vscode.CodeLens[]): string {
  return JSON.stringify(
    lenses.map((l) => [l.range.start.line, l.range.start.character, l.command?.title, l.command?.tooltip, l.command?.command, (l.command?.arguments ?? []).map(String)]),
  );
}
