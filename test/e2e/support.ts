// Helpers for the e2e tier: plain-node mocha tests that open the example stack in code-server and use
// the workbench as a person would, through Playwright — reading what is on screen (text, accessibility
// labels), never the extension's internals.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '../../..');
// The launch helpers are ESM scripts shared with `npm start` and the host tier; they live beside the
// sources (test/support), not in out/.
const host: typeof import('../support/host.mjs') = require(path.join(repoRoot, 'test/support/host.mjs'));
const example: typeof import('../support/start.mjs') = require(path.join(repoRoot, 'test/support/start.mjs'));
const compose: typeof import('../support/compose.mjs') = require(path.join(repoRoot, 'test/support/compose.mjs'));

/**
 * The tests work on a copy of examples/agent-stack (tests edit files; the repository's stay as they
 * are), run as a Compose project of their own beside a user's `npm start` and other test runs.
 */
let e2eDir: string | undefined;
// Unique per run: another checkout may run these tests on the same engine at the same time.
export const E2E_PROJECT = `chinfra-e2e-${process.pid}`;
/** The name Compose gives the service's first container (v2 and 1.29 name them differently). */
export const containerName = (service: string): string => compose.composeContainerName(E2E_PROJECT, service);
/** Long enough for the mailer to pass its first probe (notifier waits for it), short enough to watch it die. */
export const E2E_ENV = { MAILER_LIFETIME: '15' };
const UI_TIMEOUT_MS = 30_000;

/** Copies the example to a temporary folder and brings it up; returns the copy's folder. */
export async function exampleUp(): Promise<string> {
  const dir = exampleCopy();
  await exampleStart();
  return dir;
}

/** Copies the example to a temporary folder, not started yet (see exampleStart); returns the copy's folder. */
export function exampleCopy(): string {
  e2eDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'compose-health-e2e-')), 'agent-stack');
  fs.cpSync(example.EXAMPLE_DIR, e2eDir, { recursive: true });
  return e2eDir;
}

/** Brings the copy up (`docker compose up -d`), e.g. once the workbench watches the engine. */
export async function exampleStart(): Promise<void> {
  if (!e2eDir) throw new Error('exampleStart needs exampleCopy() first');
  await example.exampleUp(E2E_PROJECT, { env: E2E_ENV, quiet: true, file: path.join(e2eDir, 'compose.yaml') });
}

export async function exampleDown(): Promise<void> {
  if (!e2eDir) return;
  await example.exampleDown(E2E_PROJECT, { quiet: true, file: path.join(e2eDir, 'compose.yaml') });
  fs.rmSync(path.dirname(e2eDir), { recursive: true, force: true });
  e2eDir = undefined;
}
export const packageVsix = () => host.packageVsix();

/** `compose up -d` of `file` as Compose project `project` (the tests' Compose: v2, or 1.29 with COMPOSE_HEALTH_TEST_COMPOSE=v1). */
export async function composeUp(project: string, file: string): Promise<void> {
  await example.compose(project, ['up', '-d'], { file, quiet: true });
}

/** `compose down` of what composeUp started. */
export async function composeDown(project: string, file: string): Promise<void> {
  await example.compose(project, ['down', '--timeout', '2'], { file, quiet: true });
}

export interface Workbench {
  page: Page;
  /** Saves .test-artifacts/e2e-<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * code-server on `workspace` (default: the e2e copy of the example) with the extension loaded — from the development
 * folder, or installed from a .vsix — in a fresh profile, and Debian's chromium showing it. Resolves
 * once the Compose Health activity-bar item is there (the extension's contributions are in).
 */
export async function openWorkbench(options: { workspace?: string; installedVsix?: string } = {}): Promise<Workbench> {
  const workspace = options.workspace ?? e2eDir;
  if (!workspace) throw new Error('openWorkbench needs a workspace, or exampleUp() first');
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    let extensionsDir: string | undefined;
    if (options.installedVsix) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-health-e2e-ext-'));
      extensionsDir = dir;
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      await host.installVsix(options.installedVsix, dir);
    }
    const server = await host.startCodeServer({ workspace, extensionsDir });
    cleanups.push(server.stop);
    const browser = await host.launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const extensionPath = options.installedVsix ? undefined : repoRoot;
    await page.goto(host.workbenchUrl({ ...server, workspace, extensionPath }));
    await page.locator('.activitybar a.action-label[aria-label^="Compose Health"]').waitFor({ timeout: 60_000 });
    return { page, close, screenshot: (name) => host.screenshot(page, `e2e-${name}`) };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The hooks of a suite on one workbench: a screenshot when a test fails (.test-artifacts/e2e-failed-<title>.png,
 * what the workbench showed), and at the end the workbench closed, then `cleanup` (e.g. the stack taken down).
 */
export function workbenchHooks(workbench: () => Workbench | undefined, cleanup: () => Promise<void>): void {
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed') await workbench()?.screenshot(`failed-${test.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async () => {
    await workbench()?.close();
    await cleanup();
  });
}

/**
 * Closes `workbench` and opens code-server again with the packaged .vsix installed (what a user installs,
 * not the development folder); resolves once its Services view shows the example's rows as `settled`.
 */
export async function reopenFromVsix(workbench: Workbench, settled: Record<string, string>): Promise<Workbench> {
  await workbench.close();
  const { vsix } = await packageVsix();
  const installed = await openWorkbench({ installedVsix: vsix });
  await openServicesView(installed.page);
  await waitForServiceRows(installed.page, E2E_PROJECT, settled);
  return installed;
}

export const runCommand = (page: Page, title: string) => host.runCommandFromPalette(page, title);

/** The Services view's container in the side bar. */
export function servicesView(page: Page): Locator {
  return page.locator('[id="workbench.view.extension.composeHealth"]');
}

/** Opens the Compose Health side bar with its Services view, as a click on its activity-bar icon does. */
export async function openServicesView(page: Page): Promise<Locator> {
  await runCommand(page, 'Compose Health: Focus on Services View');
  const view = servicesView(page);
  await view.waitFor({ timeout: UI_TIMEOUT_MS });
  return view;
}

/** The accessibility labels of the rows the Services tree shows now (what a screen reader reads). */
export async function treeRowLabels(page: Page): Promise<string[]> {
  return servicesView(page)
    .locator('.monaco-list-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
}

/** The tree row whose label starts with `label` (e.g. a service name). */
export function treeRow(page: Page, label: string): Locator {
  return servicesView(page).locator(`.monaco-list-row[aria-label^="${label}"]`).first();
}

/** Expands a collapsed tree row (no-op when it is already expanded). */
export async function expandRow(row: Locator): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
}

/** One row of the Services tree as a screen reader meets it: its depth and accessible name. */
export interface TreeRowView {
  level: number;
  label: string;
  /** The codicon the row shows (e.g. `pass`, `error`, `loading`), read from its icon's class. */
  icon?: string;
}

/** Every row the Services tree shows now, top to bottom, with its depth, accessible name and badge. */
export async function treeRows(page: Page): Promise<TreeRowView[]> {
  const rows = await servicesView(page)
    .locator('.monaco-list-row')
    .evaluateAll((elements) =>
      elements.map((row) => {
        const icon = row.querySelector('.custom-view-tree-node-item-icon');
        const codicon = [...(icon?.classList ?? [])].find((c) => c.startsWith('codicon-'));
        return {
          index: Number(row.getAttribute('data-index')),
          level: Number(row.getAttribute('aria-level')),
          label: row.getAttribute('aria-label') ?? '',
          icon: codicon?.slice('codicon-'.length),
        };
      }),
    );
  // The list reuses row elements as it scrolls and splices, so their DOM order is not promised: the
  // order on screen is the rows' data-index.
  return rows.sort((a, b) => a.index - b.index).map(({ level, label, icon }) => ({ level, label, icon }));
}

/** The rows below `parent` (its index in `rows`) and deeper than it, up to its next sibling or ancestor. */
export function rowsUnder(rows: TreeRowView[], parent: number): TreeRowView[] {
  const end = rows.findIndex((row, i) => i > parent && row.level <= rows[parent].level);
  return rows.slice(parent + 1, end < 0 ? undefined : end);
}

/** The rows under the project `project` (the rows below its row, one level deeper, until the next project). */
export async function projectRows(page: Page, project: string): Promise<TreeRowView[]> {
  const rows = await treeRows(page);
  const start = rows.findIndex((row) => row.level === 1 && row.label.startsWith(`${project} `));
  return start < 0 ? [] : rowsUnder(rows, start);
}

/**
 * Waits until the project's service rows (level 2) read as `expected` (service → label), and returns
 * them. The tree re-renders on engine events; there is no DOM event a test can subscribe to here, so
 * this re-reads the rows with a deadline, reporting the last rows seen when it runs out.
 */
export async function waitForServiceRows(
  page: Page,
  project: string,
  expected: Record<string, string>,
  timeoutMs = 90_000,
): Promise<TreeRowView[]> {
  const deadline = Date.now() + timeoutMs;
  const wanted = Object.entries(expected).map(([service, state]) => `${service} ${state}`);
  let rows: TreeRowView[] = [];
  for (;;) {
    rows = (await projectRows(page, project)).filter((row) => row.level === 2);
    const labels = rows.map((row) => row.label);
    if (wanted.every((label) => labels.includes(label))) return rows;
    if (Date.now() >= deadline) {
      throw new Error(`the Services tree shows ${JSON.stringify(labels)}, not ${JSON.stringify(wanted)}, after ${timeoutMs / 1000} s`);
    }
    await page.waitForTimeout(250);
  }
}

/** Opens a workspace file by name through Quick Open, as a person would (Ctrl+P). */
export async function openFile(page: Page, name: string): Promise<Locator> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  // The list shows recently opened files before it filters: wait until the row Enter would open (the
  // focused one) is the file, and then until its tab is the active one (an open tab of it may exist).
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await editor.waitFor({ timeout: UI_TIMEOUT_MS });
  return editor;
}

/**
 * Opens the Problems panel (Ctrl+Shift+M) and returns the accessibility labels of its rows, once a
 * row containing `expected` is there (diagnostics arrive after the file is checked).
 */
export async function problems(page: Page, expected?: string): Promise<string[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ timeout: UI_TIMEOUT_MS });
  const rows = panel.locator('.monaco-list-row');
  if (expected) await rows.filter({ hasText: expected }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  return rows.evaluateAll((elements) => elements.map((row) => row.getAttribute('aria-label') ?? ''));
}

/** Hovers `target` and returns the text of the hover that appears. */
export async function hoverText(page: Page, target: Locator): Promise<string> {
  await target.hover();
  const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').first();
  await hover.waitFor({ timeout: UI_TIMEOUT_MS });
  return (await hover.innerText()).trim();
}

// A lens with a command is a link; one without (a status) is a span; " | " spans separate them.
const LENS = '.editor-instance .codelens-decoration > a, .editor-instance .codelens-decoration > span';

/** The CodeLens titles shown in the active editor, in order. */
export async function codeLensTitles(page: Page): Promise<string[]> {
  const titles = await page.locator(LENS).allInnerTexts();
  return titles.map((title) => title.replace(/\u00a0/g, ' ').trim()).filter((title) => title && title !== '|');
}

/** The CodeLens whose title matches `text`. */
export function codeLens(page: Page, text: string | RegExp): Locator {
  return page.locator(LENS).filter({ hasText: text });
}

/** Moves the cursor to `line` (1-based) through Go to Line (Ctrl+G). */
export async function goToLine(page: Page, line: number, column?: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(column ? `:${line}:${column}` : `:${line}`);
  await page.keyboard.press('Enter');
}

/**
 * Opens the quick-fix menu at the cursor (Ctrl+.) and chooses the action titled `title` with the
 * keyboard, as the menu expects (it blocks pointer events while it opens).
 */
export async function applyQuickFix(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row');
  const item = rows.filter({ hasText: title }).first();
  await item.waitFor({ timeout: UI_TIMEOUT_MS });
  const count = await rows.count();
  for (let i = 0; i <= count && !(await item.evaluate((row) => row.classList.contains('focused'))); i++) {
    await page.keyboard.press('ArrowDown');
  }
  assert.ok(await item.evaluate((row) => row.classList.contains('focused')), `cannot select the quick fix "${title}"`);
  await page.keyboard.press('Enter');
}

/** Shows the "Compose Health" output channel (its Show Log command) and returns its visible text. */
export async function outputText(page: Page): Promise<string> {
  await runCommand(page, 'Compose Health: Show Log');
  const lines = page.locator('.part.panel .output-view .view-lines, .part.panel .monaco-editor .view-lines').first();
  await lines.waitFor({ timeout: UI_TIMEOUT_MS });
  // The editor renders spaces as no-break spaces.
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}
