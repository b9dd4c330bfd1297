// Helpers for the e2e tier: plain-node mocha tests that open the example stack in code-server and use
// the workbench as a person would, through Playwright — reading what is on screen (text, accessibility
// labels), never the extension's internals.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '../../..');
// The launch helpers are ESM scripts shared with `npm start` and the host tier; they live beside the
// sources (test/support), not in out/.
const host: typeof import('../support/host.mjs') = require(path.join(repoRoot, 'test/support/host.mjs'));
const example: typeof import('../support/start.mjs') = require(path.join(repoRoot, 'test/support/start.mjs'));

export const EXAMPLE_DIR = example.EXAMPLE_DIR;
/** The e2e copy of the example runs under its own Compose project name, beside a user's `npm start`. */
export const E2E_PROJECT = 'chinfra-e2e';
/** Long enough for the mailer to pass its first probe (notifier waits for it), short enough to watch it die. */
export const E2E_ENV = { MAILER_LIFETIME: '15' };
const UI_TIMEOUT_MS = 30_000;

export const exampleUp = () => example.exampleUp(E2E_PROJECT, { env: E2E_ENV, quiet: true });
export const exampleDown = () => example.exampleDown(E2E_PROJECT, { quiet: true });
export const packageVsix = () => host.packageVsix();

export interface Workbench {
  page: Page;
  /** Saves .test-artifacts/e2e-<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * code-server on `workspace` (default: the example) with the extension loaded — from the development
 * folder, or installed from a .vsix — in a fresh profile, and Debian's chromium showing it. Resolves
 * once the Compose Health activity-bar item is there (the extension's contributions are in).
 */
export async function openWorkbench(options: { workspace?: string; installedVsix?: string } = {}): Promise<Workbench> {
  const workspace = options.workspace ?? EXAMPLE_DIR;
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

/**
 * Waits, with a deadline, until the Services tree shows a row whose accessible name (its aria-label)
 * matches `name`, and returns every row's label then.
 */
export async function waitForTreeRow(page: Page, name: RegExp, timeoutMs = 60_000): Promise<string[]> {
  await servicesView(page).getByRole('treeitem', { name }).first().waitFor({ timeout: timeoutMs });
  return treeRowLabels(page);
}

/** Opens a workspace file by name through Quick Open, as a person would (Ctrl+P). */
export async function openFile(page: Page, name: string): Promise<Locator> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await page.locator(`.tabs-container .tab[aria-label^="${name}"]`).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await editor.waitFor({ timeout: UI_TIMEOUT_MS });
  return editor;
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns the accessibility labels of its rows. */
export async function problems(page: Page): Promise<string[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ timeout: UI_TIMEOUT_MS });
  return panel
    .locator('.monaco-list-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
}

/** Hovers `target` and returns the text of the hover that appears. */
export async function hoverText(page: Page, target: Locator): Promise<string> {
  await target.hover();
  const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible').first();
  await hover.waitFor({ timeout: UI_TIMEOUT_MS });
  return (await hover.innerText()).trim();
}

/** The CodeLens titles shown in the active editor. */
export async function codeLensTitles(page: Page): Promise<string[]> {
  return page.locator('.editor-instance .codelens-decoration a').allInnerTexts();
}

/** Clicks the first CodeLens whose title contains `text`. */
export async function clickCodeLens(page: Page, text: string): Promise<void> {
  await page.locator('.editor-instance .codelens-decoration a', { hasText: text }).first().click();
}

/** Shows the "Compose Health" output channel (its Show Log command) and returns its visible text. */
export async function outputText(page: Page): Promise<string> {
  await runCommand(page, 'Compose Health: Show Log');
  const lines = page.locator('.part.panel .output-view .view-lines, .part.panel .monaco-editor .view-lines').first();
  await lines.waitFor({ timeout: UI_TIMEOUT_MS });
  return lines.innerText();
}
