import * as vscode from 'vscode';
import { engineUnreachableMessage } from '../core/engine/errors';
import type { LabelledContainer } from '../core/engine/types';
import { containersOfService, type DockerfileLensTarget } from '../core/probe/dockerfileTargets';
import type { ProbeEngine } from '../core/probe/engine';
import type { LiveHealthSource } from '../core/probe/liveHealth';
import { COMPOSE_LABELS } from '../core/identity/labels';
import { dockerfileLenses, type DockerfileLensInput, type DockerfileLensSpec } from './dockerfileLensTitles';
import { dockerfileTargets, type DockerfileTargetDeps } from './dockerfileProbeTargets';
import { UNTRUSTED_LENS } from './lensTitles';
import { RedrawGate } from './redrawGate';
import type { ProbeResults } from './probeResults';

/** The key a HEALTHCHECK's lens results are kept under in ProbeResults (per document, per instruction). */
export function dockerfileResultKey(offset: number): string {
  return `HEALTHCHECK@${offset}`;
}

/**
 * The lenses on a Dockerfile's HEALTHCHECK instructions that some compose service builds into its image
 * (core/probe/dockerfileTargets.ts): run the check as written here in a running container of that
 * service, its result in place, or what to do when no container runs. In an untrusted workspace only an
 * explanation (nothing asks the engine, nothing runs).
 *
 * Containers come from the health store's list when it has one, so a redraw asks the engine nothing; a
 * container change redraws only when a lens would read differently (a redraw replaces the lens commands,
 * and a click during one fails, see ProbeCodeLensProvider).
 */
export class DockerfileProbeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: { dispose(): void }[];
  /**
   * Per drawn Dockerfile: what its lenses read, and the HEALTHCHECKs they were drawn for (that document
   * version, the compose files as they were then). A container change compares with these without
   * reading a compose file; a compose change forgets them all (VS Code asks again for what it shows).
   */
  private readonly drawn = new Map<string, { signature: string; version: number; targets: DockerfileLensTarget[] }>();
  private readonly redraws = new RedrawGate(() => this.anyDiffers(), () => this.changed.fire());

  constructor(
    private readonly deps: DockerfileTargetDeps,
    /** The engine a compose file's project runs on (composeHealth.engines). */
    private readonly engine: (composeFile: string) => ProbeEngine,
    private readonly results: ProbeResults,
    private readonly live?: LiveHealthSource,
  ) {
    this.subscriptions = [
      results.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      // Which services build a Dockerfile is read from the compose files: one changed, on disk or in an editor.
      deps.files.onDidChangeFile(() => this.composeChanged()),
      deps.documents.onDidInvalidate(() => this.composeChanged()),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && deps.files.isComposeDocument(e.document) && this.composeChanged()),
      vscode.workspace.onDidCloseTextDocument((document) => this.drawn.delete(document.uri.toString())),
    ];
    if (live) this.subscriptions.push(live.onDidChange(() => this.redraws.request()));
  }

  /** Asks for fresh lenses (after a Compose action changed the containers). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const version = document.version;
    const targets = await dockerfileTargets(this.deps, document);
    const lenses = await this.lensesFor(document, targets);
    if (token.isCancellationRequested) return [];
    if (lenses.length > 0) this.drawn.set(document.uri.toString(), { signature: signature(lenses), version, targets });
    else this.drawn.delete(document.uri.toString());
    return lenses;
  }

  private composeChanged(): void {
    this.drawn.clear();
    this.changed.fire();
  }

  /** Whether a drawn Dockerfile's lenses, worked out again now, read differently (see RedrawGate). */
  private async anyDiffers(): Promise<boolean> {
    for (const [key, drawn] of this.drawn) {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      // An edited document is asked for again by VS Code itself.
      if (document?.version === drawn.version && signature(await this.lensesFor(document, drawn.targets)) !== drawn.signature) return true;
    }
    return false;
  }

  private async lensesFor(document: vscode.TextDocument, targets: readonly DockerfileLensTarget[]): Promise<vscode.CodeLens[]> {
    if (targets.length === 0) return [];
    const anchor = (t: DockerfileLensTarget): vscode.Range => new vscode.Range(document.positionAt(t.instruction.keyword.start), document.positionAt(t.instruction.keyword.start));
    if (!vscode.workspace.isTrusted) return targets.map((t) => this.toLens(anchor(t), UNTRUSTED_LENS, document, t));
    // Each building service's containers on the engine its compose file's project runs on; one list per file.
    const lists = new Map<string, Promise<{ ok: true; list: readonly LabelledContainer[] } | { ok: false; message: string }>>();
    const listOf = (file: string) => {
      let list = lists.get(file);
      if (!list) lists.set(file, (list = this.containers(file)));
      return list;
    };
    const perTarget = await Promise.all(
      targets.map(async (target) => {
        const results = await Promise.all(target.services.map(async (s) => ({ s, containers: await listOf(s.composeFile) })));
        const failed = results.find((r) => !r.containers.ok);
        return failed && !failed.containers.ok
          ? { ok: false as const, message: failed.containers.message }
          : { ok: true as const, byService: results.map((r) => (r.containers.ok ? containersOfService(r.containers.list, r.s) : [])) };
      }),
    );
    const key = document.uri.toString();
    return targets.flatMap((target, i) => {
      const input: DockerfileLensInput = {
        target,
        containers: perTarget[i],
        run: this.results.get(key, dockerfileResultKey(target.instruction.keyword.start)),
      };
      return dockerfileLenses(input).map((spec) => this.toLens(anchor(target), spec, document, target));
    });
  }

  /** Every Compose container of the compose file's engine: the health store's list when it has one, else one list call. */
  private async containers(composeFile: string): Promise<{ ok: true; list: readonly LabelledContainer[] } | { ok: false; message: string }> {
    const known = this.live?.containers(composeFile);
    if (known) return { ok: true, list: known };
    try {
      return { ok: true, list: await this.engine(composeFile).listContainers([COMPOSE_LABELS.service]) };
    } catch (error) {
      return { ok: false, message: engineUnreachableMessage(error) };
    }
  }

  private toLens(range: vscode.Range, spec: DockerfileLensSpec, document: vscode.TextDocument, target: DockerfileLensTarget): vscode.CodeLens {
    const args = spec.probeArgs
      ? [document.uri, target.instruction.keyword.start]
      : spec.start
        ? [vscode.Uri.file(spec.start.composeFile), spec.start.service]
        : undefined;
    // A lens with an empty command id renders as a plain label.
    return new vscode.CodeLens(range, { title: spec.title, tooltip: spec.tooltip, command: spec.command ?? '', arguments: args });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** What a file's lenses show and do. */
function signature(lenses: readonly vscode.CodeLens[]): string {
  return JSON.stringify(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.tooltip, l.command?.command, (l.command?.arguments ?? []).map(String)]));
}
