import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { COMMAND } from '../commands/ids';
import type { HealthStore } from '../core/health/store';
import type { HealthHistory } from '../core/history/model';
import { renderTimeline, type HealthyDependency, type TimelineZoom } from '../core/history/timelineSvg';

/** At most one redraw per this many ms while history is being recorded (a flapping stack records a lot). */
const REDRAW_INTERVAL_MS = 250;
/** How often the picture moves with the clock while nothing is recorded: the last status lasts until "now". */
const CLOCK_MS: Record<TimelineZoom, number> = { '5m': 5_000, '1h': 30_000, all: 60_000 };

export interface TimelineDependencies {
  extensionUri: vscode.Uri;
  history: HealthHistory;
  store: HealthStore;
  log: vscode.LogOutputChannel;
}

/** What the webview (media/timeline.js) sends. */
type FromWebview =
  | { type: 'ready'; width: number }
  | { type: 'resize'; width: number }
  | { type: 'zoom'; zoom: TimelineZoom }
  | { type: 'open'; service: string }
  | { type: 'export'; format: 'svg' | 'png'; data: string };

/**
 * One project's health timeline in a webview panel. The picture is drawn here (core/history/timelineSvg)
 * and posted as an SVG string; the webview only shows it, its hovers and keyboard moves, and turns it
 * into a file for export. Redraws only while the panel is visible, coalesced, and only for its project.
 */
export class TimelinePanel implements vscode.Disposable {
  /** The whole story first; 5 min and 1 h zoom in on the latest. */
  private zoom: TimelineZoom = 'all';
  private width = 960;
  private ready = false;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private clock: ReturnType<typeof setInterval> | undefined;
  private lastDraw = 0;
  private pendingFocus: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly project: string,
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: TimelineDependencies,
  ) {
    panel.webview.html = this.html();
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((message: FromWebview) => void this.receive(message)),
      panel.onDidChangeViewState(() => this.visibilityChanged()),
      panel.onDidDispose(() => this.dispose()),
      deps.history.onDidRecord((keys) => {
        for (const key of keys) {
          if (key.startsWith(`${project}/`)) {
            this.invalidate();
            return;
          }
        }
      }),
    );
  }

  static create(project: string, deps: TimelineDependencies): TimelinePanel {
    const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('composeHealth.timeline', `Health: ${project}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'activitybar.svg');
    return new TimelinePanel(project, panel, deps);
  }

  /** Brings the panel forward; with a service, moves the keyboard focus to its lane. */
  reveal(service?: string): void {
    this.pendingFocus = service;
    this.panel.reveal();
    if (this.ready) this.draw();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.clock) clearInterval(this.clock);
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions.length = 0;
    this.panel.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.width = message.width;
        this.draw();
        return;
      case 'resize':
        this.width = message.width;
        this.draw();
        return;
      case 'zoom':
        this.zoom = message.zoom;
        this.restartClock();
        this.draw();
        return;
      case 'open':
        // The Services view's command, with the element shape it takes: one way to open a definition.
        await vscode.commands.executeCommand(COMMAND.openDefinition, {
          kind: 'service',
          id: `service:${this.project}/${message.service}`,
          project: this.project,
          service: message.service,
        });
        return;
      case 'export':
        await this.export(message.format, message.data);
        return;
    }
  }

  private visibilityChanged(): void {
    // A hidden webview is torn down (no retainContextWhenHidden); it says `ready` again when shown.
    if (!this.panel.visible) {
      this.ready = false;
      if (this.clock) clearInterval(this.clock);
      this.clock = undefined;
    }
  }

  private invalidate(): void {
    this.dirty = true;
    if (!this.ready || !this.panel.visible || this.timer) return;
    const wait = Math.max(0, this.lastDraw + REDRAW_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.dirty && this.ready && this.panel.visible) this.draw();
    }, wait);
  }

  private restartClock(): void {
    if (this.clock) clearInterval(this.clock);
    this.clock = setInterval(() => this.panel.visible && this.ready && this.draw(), CLOCK_MS[this.zoom]);
  }

  private draw(): void {
    if (!this.clock) this.restartClock();
    this.dirty = false;
    this.lastDraw = Date.now();
    const lanes = this.deps.history.lanes(this.project);
    const dependencies: HealthyDependency[] = [];
    const tests = new Map<string, readonly string[]>();
    for (const lane of lanes) {
      const view = this.deps.store.service(this.project, lane.service);
      for (const d of view?.definition?.dependsOn ?? []) {
        if (d.condition === 'service_healthy') dependencies.push({ service: lane.service, on: d.service });
      }
      const test = view?.containers.find((c) => c.record.details?.healthcheck?.test)?.record.details?.healthcheck?.test;
      if (test) tests.set(lane.service, test);
    }
    const picture = renderTimeline({ lanes, zoom: this.zoom, now: Date.now(), dependencies, tests, width: this.width });
    void this.panel.webview.postMessage({
      type: 'picture',
      project: this.project,
      zoom: this.zoom,
      svg: picture.svg,
      details: picture.details,
      focus: this.pendingFocus,
    });
    this.pendingFocus = undefined;
  }

  private async export(format: 'svg' | 'png', data: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${this.project}-health-${this.zoom}.${format}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      title: `Export the health timeline of ${this.project}`,
    });
    if (!target) return;
    const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data.replace(/^data:image\/png;base64,/, ''), 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    this.deps.log.info(`Exported the health timeline of ${this.project} to ${target.fsPath}`);
    void vscode.window.showInformationMessage(`Compose Health: saved the timeline of ${this.project} to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', file));
    // Only our stylesheet and our script (with this nonce); images only from data:/blob: (the PNG export
    // draws the SVG into a canvas). Nothing remote.
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource} data: blob:`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    const zoom = (z: TimelineZoom, label: string) => `<button type="button" class="zoom" data-zoom="${z}" aria-pressed="false">${label}</button>`;
    const swatch = (status: string, label: string) =>
      `<span class="key"><svg width="22" height="12" aria-hidden="true"><rect class="s-${status}" x="0" y="${status === 'stopped' ? 5 : status === 'paused' ? 3 : 0}" width="22" height="${status === 'stopped' ? 2 : status === 'paused' ? 6 : 12}"/></svg>${label}</span>`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('timeline.css')}">
<title>Health timeline: ${escapeHtml(this.project)}</title>
</head>
<body>
<header class="toolbar">
  <h1>Health timeline · <span class="project">${escapeHtml(this.project)}</span></h1>
  <div role="group" aria-label="Time window">${zoom('5m', '5 min')}${zoom('1h', '1 h')}${zoom('all', 'All')}</div>
  <div role="group" aria-label="Export">
    <button type="button" id="export-svg" title="Save the picture as an SVG file">Export SVG…</button>
    <button type="button" id="export-png" title="Save the picture as a PNG file">Export PNG…</button>
  </div>
</header>
<div class="legend" aria-label="Legend">${swatch('healthy', 'healthy')}${swatch('starting', 'starting')}${swatch('unhealthy', 'unhealthy')}${swatch('running', 'running, no healthcheck')}${swatch('paused', 'paused')}${swatch('stopped', 'stopped')}<span class="key"><svg width="10" height="12" aria-hidden="true"><rect class="tick" x="3" y="2" width="3" height="8"/></svg>failed probe</span><span class="key"><svg width="14" height="14" aria-hidden="true"><path class="mark" d="M3,1L12,7L3,13z"/></svg>restart</span><span class="key"><svg width="14" height="14" aria-hidden="true"><path class="mark" d="M7,0L13,7L7,14L1,7z"/></svg>died</span><span class="key"><svg width="22" height="12" aria-hidden="true"><path class="dep" d="M2,6H18"/><path class="dep-head" d="M16,2L22,6L16,10z"/></svg>waits for healthy</span></div>
<p class="help">Hover or focus a shape for details. Tab into the picture, then arrow keys move between shapes and lanes; Enter on a lane or span opens the service definition.</p>
<main id="picture"></main>
<div id="hover" role="tooltip" hidden></div>
<script nonce="${nonce}" src="${media('timeline.js')}"></script>
</body>
</html>`;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
