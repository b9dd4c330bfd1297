// What the benchmarks that measure the Services view in a real workbench share (tree-latency, scale,
// multi-engine; activation loads the launcher only): the launcher of test/support/host.mjs, the engine's
// own health events, and the rows' texts as the page shows them. A health event's engine time (timeNano)
// and a row's render time (the page's Date.now()) are read on one machine, with one clock.
import path from 'node:path';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { JsonLineSplitter } from '../../src/core/engine/parse';
import { exec } from '../engine/health/support';

/** The repository (compiled, this file is out/test/bench/workbench.js). */
export const repoRoot = path.resolve(__dirname, '../../..');

// tsc turns import() into require(), which cannot load the launcher's ES modules.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

/** The part of test/support/host.mjs the workbench benchmarks call. */
export interface WorkbenchHost {
  startCodeServer(o: { workspace: string; env?: Record<string, string> }): Promise<{ url: string; port: number; stop(): Promise<void> }>;
  workbenchUrl(o: { url: string; port: number; workspace: string; extensionPath: string; testsPath?: string }): string;
  launchChromium(): Promise<Browser>;
  screenshot(page: Page, name: string): Promise<void>;
}

/** test/support/host.mjs, typed as the part of it the caller uses. */
export async function loadHost<H = WorkbenchHost>(): Promise<H> {
  return (await importEsm(path.join(repoRoot, 'test/support/host.mjs'))) as H;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `p50 … ms, p95 … ms, max … ms` of some latencies. */
export function summary(latencies: readonly number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`;
}

/** A `health_status` event as the engine stamped it. */
export interface HealthEvent {
  status: string;
  /** The engine's time of the event (timeNano), in ms. */
  ms: number;
  /** The container's id. */
  id: string;
}

/**
 * The engine's `health_status` events for the containers `filters` selects (e.g. `{ container: [id] }`
 * or `{ label: [...] }`), from an events stream of the benchmark's own: `events` grows as they come.
 */
export async function followHealthEvents(docker: Docker, filters: Record<string, string[]>): Promise<{ events: HealthEvent[]; close(): void }> {
  const events: HealthEvent[] = [];
  const stream = (await docker.getEvents({ filters: { type: ['container'], event: ['health_status'], ...filters } })) as unknown as Readable;
  const splitter = new JsonLineSplitter();
  stream.on('data', (chunk: Buffer) => {
    for (const m of splitter.push(chunk.toString()) as Array<{ Action: string; timeNano: number; Actor: { ID: string } }>) {
      events.push({ status: m.Action.split(': ')[1], ms: m.timeNano / 1e6, id: m.Actor.ID });
    }
  });
  return { events, close: () => stream.destroy() };
}

/** A text a row's description took: `row` is the row's place among the rows of that label, in the tree's order. */
export interface RowRender {
  row: number;
  text: string;
  ms: number;
}

export interface RowRecorder {
  /** The texts recorded since the last `clear`. */
  renders(): Promise<RowRender[]>;
  clear(): Promise<void>;
}

/**
 * Records every text the description of the Services view's rows labelled `label` takes, with the page's
 * wall-clock time, from a MutationObserver in the page. (The script is a string: it runs in the page,
 * and this project compiles without the DOM typings.)
 */
export async function recordRows(page: Page, label: string): Promise<RowRecorder> {
  const key = JSON.stringify(label);
  await page.evaluate(`(() => {
    window.__rows = window.__rows || {};
    const renders = (window.__rows[${key}] = []);
    const last = [];
    const check = () => {
      const rows = [...document.querySelectorAll('.pane-body .monaco-list-row')].filter((r) => r.querySelector('.label-name')?.textContent === ${key});
      rows.forEach((row, i) => {
        const text = row.querySelector('.label-description')?.textContent ?? '';
        if (text !== last[i]) {
          last[i] = text;
          renders.push({ row: i, text, ms: Date.now() });
        }
      });
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    check();
  })()`);
  return {
    renders: () => page.evaluate(`window.__rows[${key}]`) as Promise<RowRender[]>,
    clear: () => page.evaluate(`void (window.__rows[${key}].length = 0)`),
  };
}

/**
 * Waits until the engine's event (`isEvent` over the events after `from`) and then a render showing it
 * (`isRender`, given that event) have both been seen, polling the page every 20 ms (no event crosses
 * from the page) until `deadlineMs`. Either is undefined when it was not seen in time.
 */
export async function eventThenRender(o: {
  events: readonly HealthEvent[];
  from: number;
  isEvent: (event: HealthEvent) => boolean;
  rows: RowRecorder;
  isRender: (render: RowRender, event: HealthEvent) => boolean;
  deadlineMs: number;
}): Promise<{ event?: HealthEvent; render?: RowRender }> {
  const deadline = Date.now() + o.deadlineMs;
  let event: HealthEvent | undefined;
  let render: RowRender | undefined;
  while (Date.now() < deadline && !(event && render)) {
    event = o.events.slice(o.from).find(o.isEvent);
    render = event ? (await o.rows.renders()).find((r) => o.isRender(r, event!)) : undefined;
    if (!(event && render)) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { event, render };
}

/**
 * Turns a container whose check tests /tmp/ok unhealthy or healthy again (an exec that removes or
 * restores the file, as the Compose benchmarks' services are made) and waits for the engine's
 * `health_status` event and then the `row`-th row of `rows` showing it.
 */
export async function flipHealth(o: {
  container: Docker.Container;
  want: 'healthy' | 'unhealthy';
  events: readonly HealthEvent[];
  rows: RowRecorder;
  row: number;
  deadlineMs: number;
}): Promise<{ event?: HealthEvent; render?: RowRender }> {
  const from = o.events.length;
  await exec(o.container, o.want === 'unhealthy' ? ['rm', '/tmp/ok'] : ['touch', '/tmp/ok']);
  return eventThenRender({
    events: o.events,
    from,
    isEvent: (e) => e.status === o.want,
    rows: o.rows,
    isRender: (r, e) => r.row === o.row && r.text.startsWith(o.want) && r.ms >= e.ms - 1000,
    deadlineMs: o.deadlineMs,
  });
}
