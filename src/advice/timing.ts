import * as vscode from 'vscode';
import type { ComposeFiles } from '../compose/composeFiles';
import { PendingSetDelayer } from '../compose/delayer';
import type { ComposeDocumentService } from '../compose/documents';
import { timingFindings, timingHover, timingSites, type ServiceTimingSite, type TimingFinding } from '../core/advice/timingInFile';
import type { Range } from '../core/compose/range';
import { laneKey } from '../core/history/model';
import type { HealthStore } from '../core/health/store';
import type { HealthHistory } from '../core/history/model';
import { serviceTiming, type ServiceTiming } from '../core/history/timing';
import { fileIdentity, projectsOfFile } from '../core/identity/projectIdentity';

/** The Problems panel's source of these diagnostics: measured, not a rule about the file's text. */
export const TIMING_SOURCE = 'Compose Health (measured timing)';
const CODE: Record<TimingFinding['advice']['kind'], string> = { 'start-period': 'measured-start-period', timeout: 'measured-timeout' };
/** The diagnostics manager's typing delay: by then the shared parse of that version is usually there. */
const TYPING_DELAY_MS = 300;
const HISTORY_DELAY_MS = 1000;

/**
 * Timing advice from measurement in compose files: a hover on `interval` / `timeout` / `start_period` with
 * what the history measured, and Information diagnostics with a quick fix when recent starts outran the
 * start period or probes came close to the timeout. Timings are computed once per change of a service's
 * history; documents are read through the one shared parse.
 */
export class TimingAdvice implements vscode.HoverProvider, vscode.CodeActionProvider, vscode.Disposable {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  private readonly collection = vscode.languages.createDiagnosticCollection('compose-health-timing');
  /** Per `project/service`: its timing, dropped when its history changes. */
  private readonly timings = new Map<string, ServiceTiming | undefined>();
  private readonly delayer = new PendingSetDelayer<vscode.TextDocument>(TYPING_DELAY_MS, (docs) => docs.forEach((d) => this.update(d)));
  /** Services whose history changed since the documents were last brought up to date. */
  private readonly changed = new Set<string>();
  /**
   * A flapping stack records many changes a second: the advice follows at most once per
   * `HISTORY_DELAY_MS` (a throttle, not a debounce, which a steady stream would starve).
   */
  private historyTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly history: HealthHistory,
    private readonly store: HealthStore,
    private readonly files: ComposeFiles,
    private readonly documents: ComposeDocumentService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      this.collection,
      this.delayer,
      { dispose: () => clearTimeout(this.historyTimer) },
      history.onDidRecord((keys) => {
        for (const key of keys) {
          this.timings.delete(key);
          this.changed.add(key);
        }
        this.historyTimer ??= setTimeout(() => this.historyChanged(), HISTORY_DELAY_MS);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.wanted(d) && this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.wanted(e.document) && this.delayer.add(e.document.uri.toString(), e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    ];
    // Documents open already get their advice when the saved history is restored (an onDidRecord).
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.wanted(document)) return undefined;
    const offset = document.offsetAt(position);
    const { sites, timingOf } = this.sitesOf(document);
    for (const site of sites) {
      const key = site.keys.find((k) => offset >= k.keyRange.start && offset <= (k.valueRange ?? k.keyRange).end);
      const timing = key && timingOf(site.service);
      if (!key || !timing) continue;
      const markdown = timingHover(key, site.spec, timing, site.image);
      return markdown ? new vscode.Hover(new vscode.MarkdownString(markdown), toRange(key.keyRange, document)) : undefined;
    }
    return undefined;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === TIMING_SOURCE);
    if (ours.length === 0) return [];
    const actions: vscode.CodeAction[] = [];
    // From the current version's findings, so an edit's offsets are never stale.
    for (const finding of this.findings(document)) {
      const diagnostic = ours.find((d) => d.code === CODE[finding.advice.kind] && d.message === finding.advice.message);
      if (!diagnostic || !finding.edit) continue;
      const key = finding.advice.kind === 'start-period' ? 'start_period' : 'timeout';
      const action = new vscode.CodeAction(`Set ${key} to ${finding.advice.suggested} (from measurement)`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, toRange(finding.edit.range, document), finding.edit.newText);
      actions.push(action);
    }
    return actions;
  }

  private historyChanged(): void {
    this.historyTimer = undefined;
    const keys = [...this.changed];
    this.changed.clear();
    for (const document of vscode.workspace.textDocuments) {
      if (this.wanted(document) && this.sitesOf(document).projects.some((p) => keys.some((k) => k.startsWith(`${p}/`)))) this.update(document);
    }
  }

  private update(document: vscode.TextDocument): void {
    try {
      const diagnostics = this.findings(document).map((finding) => {
        const d = new vscode.Diagnostic(toRange(finding.range, document), finding.advice.message, vscode.DiagnosticSeverity.Information);
        d.source = TIMING_SOURCE;
        d.code = CODE[finding.advice.kind];
        return d;
      });
      this.collection.set(document.uri, diagnostics);
    } catch (error) {
      this.log.error(`Timing advice for ${vscode.workspace.asRelativePath(document.uri)} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }

  private findings(document: vscode.TextDocument): TimingFinding[] {
    const { sites, timingOf } = this.sitesOf(document);
    return timingFindings(sites, timingOf);
  }

  /**
   * The document's healthchecks and the timing of their services. A file's project is the one its
   * containers were made from (their config_files label), else the name Compose would give it, as the
   * Services view decides (core/identity/projectIdentity.ts).
   */
  private sitesOf(document: vscode.TextDocument): { sites: ServiceTimingSite[]; projects: string[]; timingOf: (service: string) => ServiceTiming | undefined } {
    const recorded = new Set(this.history.projects());
    // Nothing recorded (a first start, or the saved history not read yet): nothing to parse for.
    if (recorded.size === 0) return { sites: [], projects: [], timingOf: () => undefined };
    const analyzed = this.documents.forDocument(document);
    const analysis = analyzed.analysis;
    if (!analysis) return { sites: [], projects: [], timingOf: () => undefined };
    const labelled = [...this.store.state.containers.values()].map((c) => ({ project: c.compose.project, configFiles: c.compose.configFiles }));
    const candidates = projectsOfFile(fileIdentity(document.uri.fsPath, analyzed.model()), labelled);
    const projects = candidates.filter((p) => recorded.has(p));
    const timingOf = (service: string): ServiceTiming | undefined => {
      for (const project of projects) {
        const key = laneKey(project, service);
        if (!this.timings.has(key)) {
          const lane = this.history.lane(project, service);
          this.timings.set(key, lane ? serviceTiming(lane) : undefined);
        }
        const timing = this.timings.get(key);
        if (timing) return timing;
      }
      return undefined;
    };
    return { sites: projects.length > 0 ? timingSites(analysis, analyzed.imageChecks()) : [], projects, timingOf };
  }

  private wanted(document: vscode.TextDocument): boolean {
    return document.uri.scheme === 'file' && this.files.isComposeDocument(document);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function toRange(range: Range, document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}
