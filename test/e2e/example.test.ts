import * as assert from 'node:assert/strict';
import Docker from 'dockerode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applyQuickFix,
  codeLens,
  codeLensTitles,
  containerName,
  E2E_PROJECT,
  exampleDown,
  exampleUp,
  expandRow,
  goToLine,
  hoverText,
  openFile,
  openServicesView,
  openWorkbench,
  outputText,
  problems,
  projectRows,
  reopenFromVsix,
  repoRoot,
  runCommand,
  waitForServiceRows,
  workbenchHooks,
  Workbench,
} from './support';

// What the example's services settle to (examples/agent-stack/compose.yaml explains each one); the
// mailer lives E2E_ENV.MAILER_LIFETIME seconds here, so notifier's dependency fails quickly.
const SETTLED = {
  agent: 'healthy',
  broker: 'healthy',
  store: 'healthy',
  search: 'running · no healthcheck',
  indexer: 'starting',
  mailer: 'exited (1)',
  notifier: 'unhealthy',
  metrics: 'unhealthy',
};
const WRONG_CHECK = 'wget -q -O- http://127.0.0.1:9100/metrics || exit 1';
// The check a suggestion for the example's search service must find: BusyBox httpd answers only
// /healthz, on IPv4 (BusyBox wget would try ::1 for "localhost"), and the file quotes with "…".
const SUGGESTED_TEST = 'test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:7700/healthz"]';
const EXAMPLE_FILE = path.join(repoRoot, 'examples/agent-stack/compose.yaml');

describe('e2e: the example stack in VS Code (code-server), as a person sees it', function () {
  this.timeout(180_000);
  let workbench: Workbench;

  before(async () => {
    await exampleUp();
    workbench = await openWorkbench();
  });
  workbenchHooks(() => workbench, exampleDown);

  it('the Services view lists the stack with each service\'s health badge and description', async () => {
    const { page } = workbench;
    await openServicesView(page);
    const rows = await waitForServiceRows(page, E2E_PROJECT, SETTLED);
    const icon = (service: string) => rows.find((row) => row.label.startsWith(`${service} `))?.icon;
    assert.equal(icon('agent'), 'pass', 'a healthy service shows the pass badge');
    assert.equal(icon('metrics'), 'error', 'an unhealthy service shows the error badge');
    assert.notEqual(icon('indexer'), icon('agent'), 'a starting service looks different from a healthy one');
    assert.notEqual(icon('mailer'), icon('agent'), 'an exited service looks different from a healthy one');
    await workbench.screenshot('tree');
  });

  it('a service turning unhealthy is announced once, saying why, with Show Timeline, Run Probe and Open Definition', async () => {
    const { page } = workbench;
    // notifier turns unhealthy when the mailer dies (E2E_ENV.MAILER_LIFETIME): its wget cannot resolve
    // "mailer" any more, since Compose's DNS drops a service whose container is gone.
    await runCommand(page, 'Notifications: Show Notifications');
    const notice = page.locator('.notification-list-item', { hasText: `notifier (${E2E_PROJECT}) is unhealthy` });
    await notice.first().waitFor({ timeout: 60_000 });
    const text = await notice.first().innerText();
    assert.match(text, /is unhealthy — name not resolved: "mailer" does not resolve inside the container/);
    for (const action of ['Show Timeline', 'Run Probe', 'Open Definition']) {
      assert.equal(await notice.first().getByRole('button', { name: action }).count(), 1, `the ${action} action: ${text}`);
    }
    assert.equal(await notice.count(), 1, 'one notice per unhealthy episode');
    await workbench.screenshot('unhealthy-notification');
    await runCommand(page, 'Notifications: Clear All Notifications');
  });

  it("the service's tooltip says since when it is unhealthy and why; the status bar's lists the last changes", async () => {
    const { page } = workbench;
    await openServicesView(page);
    const row = page.getByRole('treeitem', { name: `notifier ${SETTLED.notifier}`, exact: true }).first();
    await row.hover();
    // The tooltip is resolved on hover (VS Code shows "Loading..." meanwhile).
    const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible', { hasText: 'Unhealthy since' }).first();
    await hover.waitFor({ timeout: 30_000 });
    const tooltip = (await hover.innerText()).trim();
    assert.match(tooltip, /Unhealthy since .+? \([\d.]+ (s|ms|min)( \d+ s)? ago\) — name not resolved: "mailer" does not resolve/, tooltip);
    // Away from the row (an empty part of the editor area), so that its hover closes.
    await page.mouse.move(800, 700);
    await hover.waitFor({ state: 'hidden', timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: /\d+\/\d+ healthy/ }).first().hover();
    const statusHover = page.locator('.monaco-hover:visible, .workbench-hover:visible', { hasText: 'Last changes:' }).first();
    await statusHover.waitFor({ timeout: 30_000 });
    const status = (await statusHover.innerText()).trim();
    assert.match(status, /Last changes:/, status);
    assert.match(status, new RegExp(`${E2E_PROJECT} / (notifier|metrics|mailer|agent|broker|store|indexer) → (unhealthy|healthy|starting|stopped)`), status);
    await workbench.screenshot('status-bar-transitions');
    // Close it (away from the status bar, and Escape), or the next test's hover would read this one.
    await page.mouse.move(800, 300);
    await page.keyboard.press('Escape');
    await statusHover.waitFor({ state: 'hidden', timeout: 30_000 });
  });

  it('hovering a container shows the probe log Docker recorded for it', async () => {
    const { page } = workbench;
    const serviceRow = page.getByRole('treeitem', { name: `metrics ${SETTLED.metrics}`, exact: true }).first();
    await expandRow(serviceRow);
    const metrics = containerName('metrics');
    const containerRow = page.getByRole('treeitem', { name: new RegExp(`^${metrics}\\b`) }).first();
    await containerRow.waitFor();
    const hover = await hoverText(page, containerRow);
    const recorded = (await new Docker().getContainer(metrics).inspect()).State.Health?.Log.at(-1)?.Output ?? '';
    assert.ok(recorded.includes(WRONG_CHECK), `Docker recorded the failed exec of the whole string: ${recorded}`);
    const excerpt = recorded.slice(0, 60);
    assert.ok(hover.includes(excerpt), `the hover shows the probe output Docker recorded (${excerpt}…):\n${hover}`);
    await workbench.screenshot('hover-probe-log');
  });

  it('"Run probe" runs the check in the container and shows the result in the lens and the log', async () => {
    const { page } = workbench;
    await openFile(page, 'compose.yaml');
    await goToLine(page, 1);
    await codeLens(page, 'Run probe').first().waitFor();
    const before = await codeLensTitles(page);
    assert.ok(before.some((title) => /^healthy\b/.test(title)), `the agent's lens shows its live state: ${before}`);
    await codeLens(page, 'Run probe').first().click();
    const result = codeLens(page, /exit 0 · \d+ ms/).first();
    await result.waitFor({ timeout: 30_000 });
    const log = await outputText(page);
    // The output view wraps long lines, so the entry may span several screen lines.
    assert.match(log, new RegExp(`Probe agent in ${containerName('agent')} [\\s\\S]*→ exit 0, healthy`), `the log channel has the run:\n${log}`);
    await workbench.screenshot('run-probe');
  });

  it('"Run probe" on the store\'s Dockerfile HEALTHCHECK runs it in the store container and shows the result in the lens and the log', async () => {
    const { page } = workbench;
    await openFile(page, 'Dockerfile');
    // Only the Dockerfile's editor: compose.yaml's lenses (and its earlier result) may still be in the page.
    const lens = (text: string | RegExp) => codeLens(page, text).filter({ visible: true }).first();
    await lens('Run probe').waitFor();
    await lens('Run probe').click();
    await lens(/exit 0 · \d+ ms/).waitFor({ timeout: 30_000 });
    const log = await outputText(page);
    // The output view wraps long lines, so the entry may span several screen lines.
    assert.match(log, new RegExp(`Probe store \\(Dockerfile HEALTHCHECK, line \\d+\\) in ${containerName('store')} [\\s\\S]*→ exit 0, healthy`), `the log channel has the run:\n${log}`);
    // Health announcements of other services would cover the log in the picture.
    await runCommand(page, 'Notifications: Clear All Notifications');
    await workbench.screenshot('dockerfile-lens');
  });

  it("the hover on the store's healthcheck shows the check it really runs: its image's HEALTHCHECK from store/Dockerfile and what the container runs now", async () => {
    const { page } = workbench;
    // Health announcements would cover the hover in the picture.
    await runCommand(page, 'Notifications: Clear All Notifications');
    await openFile(page, 'compose.yaml');
    const lines = fs.readFileSync(EXAMPLE_FILE, 'utf8').split('\n');
    const line = lines.findIndex((l, i) => i > lines.indexOf('  store:') && l === '    healthcheck:');
    await goToLine(page, line + 1, 6);
    // The running container's part needs an inspect the hover waits for only briefly (a slow engine must
    // not hold it up): on a loaded machine it may come with the next hover, as for a person hovering again.
    let text = '';
    for (let attempt = 1; attempt <= 3 && !text.includes('Running now'); attempt++) {
      if (attempt > 1) await page.keyboard.press('Escape');
      await runCommand(page, 'Show or Focus Hover');
      const hover = page.locator('.monaco-hover:visible', { hasText: 'Healthcheck of' }).first();
      await hover.waitFor({ timeout: 30_000 });
      text = (await hover.innerText()).trim();
    }
    assert.match(text, /Image: built from store\/Dockerfile, whose HEALTHCHECK is at store\/Dockerfile:\d+/, text);
    assert.match(text, new RegExp(`Running now: ${containerName('store')} runs test -f /data/ready .* It matches this file\\.`), text);
    await workbench.screenshot('effective-check-hover');
    await page.keyboard.press('Escape');
  });

  it('the Problems panel shows the wrong healthcheck, and its quick fix repairs it', async () => {
    const { page } = workbench;
    await openFile(page, 'compose.yaml');
    const listed = await problems(page, 'literally named');
    const row = listed.find((label) => label.includes(`literally named "${WRONG_CHECK}"`));
    assert.ok(row, `the Problems panel lists the CMD test with shell syntax: ${JSON.stringify(listed)}`);
    await workbench.screenshot('problems');
    const line = Number(/at line (\d+)/.exec(row)?.[1]);
    assert.ok(line > 0, `the problem names its line: ${row}`);
    // On the problem itself, not at column 1: the quick-fix menu then lists the fix without relying on
    // VS Code widening its search to the line (which missed it twice under heavy load).
    const column = Number(/character (\d+)/.exec(row)?.[1]) || undefined;
    await goToLine(page, line, column);
    await applyQuickFix(page, 'Convert to CMD-SHELL');
    await page.locator('.editor-instance .view-line', { hasText: `"CMD-SHELL", "${WRONG_CHECK}"` }).first().waitFor();
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'literally named' })
      .first()
      .waitFor({ state: 'detached', timeout: 30_000 });
    await workbench.screenshot('quick-fix-applied');
    await page.keyboard.press('Control+Z');
  });

  it('"Suggest a healthcheck" finds a check that works in the container, previews it as a diff, and inserts it', async () => {
    const { page } = workbench;
    const repositoryFile = fs.readFileSync(EXAMPLE_FILE, 'utf8');
    await openFile(page, 'compose.yaml');
    // The side bar and the panel closed (Ctrl+B, Ctrl+J), as for reading a diff: it gets the window.
    // Before the lens is looked for, so it is not clicked where it was before the editor widened.
    for (const [part, keys] of [['.part.sidebar', 'Control+B'], ['.part.panel', 'Control+J']]) {
      if (!(await page.locator(part).isVisible())) continue;
      await page.keyboard.press(keys);
      await page.locator(part).waitFor({ state: 'hidden' });
    }
    await goToLine(page, repositoryFile.split('\n').indexOf('  search:') + 1);
    const lens = codeLens(page, 'Suggest a healthcheck');
    await lens.first().waitFor();
    assert.equal(await lens.count(), 1, 'only search, the running service without a healthcheck, has the lens');
    // The preview: a diff (the file ↔ the file with the healthcheck) and the Insert/Cancel pick.
    const diff = page.locator('.editor-instance .monaco-diff-editor').first();
    const proposed = diff.locator('.editor.modified .view-line', { hasText: SUGGESTED_TEST }).first();
    const started = page.locator('.notification-toast', { hasText: 'Suggesting a healthcheck for search' }).or(proposed).first();
    let clicked = Date.now();
    // The lenses re-render as the stack's health and the probe results change; a click on a lens that
    // was just replaced runs nothing (VS Code: "Actual command not found, wanted to execute
    // composeHealth…", seen here after the Run probe test). So: click again while nothing started.
    for (let attempt = 1; ; attempt++) {
      clicked = Date.now();
      await lens.first().click();
      const ran = await started.waitFor({ timeout: 10_000 }).then(() => true, () => false);
      if (ran) break;
      assert.ok(attempt < 3, `${attempt} clicks on the lens started no suggestion`);
      console.log(`      click ${attempt} on the lens started nothing; clicking again`);
    }
    await proposed.waitFor({ timeout: 60_000 });
    const insert = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Insert this healthcheck' }).first();
    await insert.waitFor({ timeout: 30_000 });
    // A figure for the note, not an assertion: the click that ran to the preview on screen.
    console.log(`      click → preview: ${Date.now() - clicked} ms`);
    await page.locator('.quick-input-widget', { hasText: 'Suggested healthcheck for search' }).waitFor();
    assert.ok(await diff.locator('.editor.original .view-line', { hasText: SUGGESTED_TEST }).count() === 0, 'the file itself has no healthcheck yet');
    await workbench.screenshot('suggest');
    await page.keyboard.press('Enter');

    await diff.waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('.notification-toast', { hasText: 'Inserted the healthcheck into compose.yaml' }).first().waitFor({ timeout: 30_000 });
    const inserted = page.locator('.editor-instance .view-line', { hasText: SUGGESTED_TEST }).first();
    await inserted.waitFor();
    const log = await outputText(page);
    // The end of the log, which the output view shows: what was found and why the timing is what it is.
    assert.match(log, /Suggest search: passed: GET http:\/\/127\.0\.0\.1:7700\/healthz with BusyBox wget — exit 0/, `the log says what passed:\n${log}`);
    // Back to the file, undo the one edit: the tests after this one see the example as it is.
    await page.locator('.editor-instance .view-line', { hasText: SUGGESTED_TEST }).first().click();
    await page.keyboard.press('Control+Z');
    await inserted.waitFor({ state: 'detached' });
    assert.equal(fs.readFileSync(EXAMPLE_FILE, 'utf8'), repositoryFile, "the repository's example is untouched");
  });

  it('the packaged .vsix installed into code-server shows the same tree and problems', async () => {
    workbench = await reopenFromVsix(workbench, SETTLED);
    const { page } = workbench;
    assert.ok((await projectRows(page, E2E_PROJECT)).length >= Object.keys(SETTLED).length);
    await openFile(page, 'compose.yaml');
    const listed = await problems(page, 'literally named');
    assert.ok(listed.some((label) => label.includes(`literally named "${WRONG_CHECK}"`)), JSON.stringify(listed));
    await workbench.screenshot('installed-vsix');
  });
});
