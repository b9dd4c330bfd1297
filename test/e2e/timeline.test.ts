import * as assert from 'node:assert/strict';
import Docker from 'dockerode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { classifyProbe } from '../../src/core/history/classify';
import { containerName, E2E_PROJECT, exampleCopy, exampleDown, exampleStart, openServicesView, openWorkbench, reopenFromVsix, repoRoot, runCommand, treeRow, waitForServiceRows, Workbench, workbenchHooks } from './support';

// The example's mailer serves for E2E_ENV.MAILER_LIFETIME seconds, then exits 1; notifier, which waited
// for it to be healthy (depends_on: condition: service_healthy), turns unhealthy three probes later.
const SETTLED = { mailer: 'exited (1)', notifier: 'unhealthy' };

/** The timeline panel's document: VS Code puts a webview in an iframe that holds another one. */
function timelineFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

describe('e2e: the health timeline of the example stack', function () {
  this.timeout(240_000);
  let workbench: Workbench;
  let folder: string;

  before(async () => {
    // The workbench first, the stack after: the history records what the extension sees from the moment
    // it connects (the engine keeps no past events to read), so it sees every service start.
    folder = exampleCopy();
    workbench = await openWorkbench();
    await openServicesView(workbench.page);
    await treeRow(workbench.page, 'Docker ').waitFor({ timeout: 60_000 });
    await exampleStart();
  });
  workbenchHooks(() => workbench, exampleDown);

  it('opens from the project row and shows the mailer dying and notifier failing, with the failed probe\'s output and class in the hover', async () => {
    const { page } = workbench;
    await waitForServiceRows(page, E2E_PROJECT, SETTLED);
    // The project row's inline action, as a person finds it.
    const projectRow = treeRow(page, E2E_PROJECT);
    await projectRow.hover();
    await projectRow.locator('.action-label[aria-label="Show Health Timeline"]').click();
    const frame = timelineFrame(page);
    await page.locator(`.tabs-container .tab[aria-label^="Health: ${E2E_PROJECT}"]`).first().waitFor({ timeout: 30_000 });
    // The side bar closed, as for reading a wide picture (a key press would go to the webview).
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    // The window cut to the picture's height: the README shows these screenshots.
    await page.setViewportSize({ width: 1400, height: 600 });
    // Zoom: 5 min, then the whole story recorded (what the screenshots show).
    for (const zoom of ['5 min', 'All']) {
      await frame.getByRole('button', { name: zoom }).click();
      await frame.locator('button[aria-pressed="true"]', { hasText: zoom }).waitFor();
    }

    const notifier = frame.locator('.lane[aria-label^="notifier"]');
    const mailer = frame.locator('.lane[aria-label^="mailer"]');
    await notifier.locator('.tick').first().waitFor({ timeout: 60_000 });
    // depends_on: notifier waited for mailer to be healthy — named, drawn as an arrow, and ordered below it.
    assert.equal(await notifier.getAttribute('aria-label'), 'notifier, waits for mailer to be healthy');
    const lanes = await frame.locator('.lane').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));
    assert.ok(lanes.findIndex((l) => l.startsWith('mailer')) < lanes.findIndex((l) => l.startsWith('notifier')), `mailer is drawn above notifier: ${lanes}`);
    assert.ok((await frame.locator('.deps path.dep').count()) >= 3, 'arrows for agent → broker, store and notifier → mailer');
    // The mailer's death, with the exit code the engine reported.
    const died = await mailer.locator('.mark-died').first().getAttribute('aria-label');
    assert.match(died ?? '', /^mailer: died with exit code 1 at \d\d:\d\d:\d\d$/);
    assert.ok((await notifier.locator('.s-unhealthy').count()) > 0, 'notifier has an unhealthy span');
    const spans = await frame.locator('.lane').evaluateAll((gs) => gs.map((g) => `${g.getAttribute('aria-label')}: ${[...g.querySelectorAll('.span')].map((r) => r.getAttribute('aria-label')?.split(': ')[1]).join(' | ')}`));
    console.log(`      lanes:\n${spans.map((l) => `        ${l}`).join('\n')}`);

    // The last failed probe of notifier, as Docker recorded it.
    const log = (await new Docker().getContainer(containerName('notifier')).inspect()).State.Health?.Log ?? [];
    const failed = log.filter((p) => p.ExitCode !== 0);
    assert.ok(failed.length > 0, 'Docker recorded failed probes of notifier');
    const tick = notifier.locator('.tick').last();
    await tick.hover();
    const hover = frame.locator('#hover');
    await hover.waitFor({ state: 'visible' });
    const text = await hover.innerText();
    assert.match(text, /^notifier: failed probe\n/);
    assert.match(text, /exit 1/);
    assert.match(text, /took \d+ (ms|s)/);
    // The hover's probe is one Docker still has in its log (it keeps five): its output and its class.
    const shown = failed.find((p) => text.includes(p.Output.trim()));
    assert.ok(shown, `the hover shows the output of a failed probe Docker recorded:\n${text}\n---\n${failed.map((p) => p.Output).join('\n')}`);
    const explained = classifyProbe({ exitCode: shown.ExitCode, output: shown.Output });
    assert.ok(explained, 'a failed probe has a class');
    assert.ok(text.includes(`${explained.label} — ${explained.advice}`), `the hover gives the class and its advice:\n${text}`);
    console.log(`      notifier's failed probe: ${JSON.stringify(shown.Output.trim())} → ${explained.kind} (${explained.label})`);
    // In the workbench's theme, then in the other one (light ↔ dark).
    const theme = async () => ((await page.locator('.monaco-workbench').getAttribute('class'))?.includes('vs-dark') ? 'dark' : 'light');
    const first = await theme();
    const other = first === 'dark' ? 'light' : 'dark';
    await workbench.screenshot(`timeline-${first}`);
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await frame.locator(`body.vscode-${other}`).waitFor({ timeout: 30_000 });
    assert.equal(await theme(), other);
    await tick.hover();
    await hover.waitFor({ state: 'visible' });
    await workbench.screenshot(`timeline-${other}`);
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
    await frame.locator(`body.vscode-${first}`).waitFor({ timeout: 30_000 });
    // And in a high-contrast theme (every shape outlined as well), chosen in the workspace's settings: the
    // theme picker closes when the webview under the pointer takes the focus back.
    const settings = path.join(folder, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ 'workbench.colorTheme': 'Default High Contrast' }));
    await frame.locator('body.vscode-high-contrast').waitFor({ timeout: 30_000 });
    await tick.hover();
    await hover.waitFor({ state: 'visible' });
    await workbench.screenshot('timeline-high-contrast');
    fs.rmSync(settings);
    await frame.locator(`body.vscode-${first}`).waitFor({ timeout: 30_000 });
  });

  it('is used with the keyboard: arrow keys move between lanes and shapes, Enter opens the service definition', async () => {
    const { page } = workbench;
    const frame = timelineFrame(page);
    const first = frame.locator('.lane-label').first();
    await first.focus();
    const focused = () => frame.locator(':focus').getAttribute('aria-label');
    const lanes = await frame.locator('.lane').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label')?.split(',')[0] ?? ''));
    const mailerRow = lanes.indexOf('mailer');
    for (let i = 0; i < mailerRow; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), 'mailer: open the definition');
    // Right: along the lane, left to right, to its first span.
    let label = '';
    for (let i = 0; i < 10 && !(await frame.locator('.span:focus').count()); i++) {
      await page.keyboard.press('ArrowRight');
      label = (await focused()) ?? '';
      assert.match(label, /^mailer: /, 'the focus stays in the lane');
    }
    assert.ok(await frame.locator('.span:focus').count(), `a span of mailer has the focus: ${label}`);
    assert.equal((await frame.locator('#hover').innerText()).split('\n')[0], label.split(',')[0], 'focus shows the hover too');
    await page.keyboard.press('Enter');
    // Open Service Definition: the compose file, at mailer's healthcheck.
    await page.locator('.tabs-container .tab.active[aria-label^="compose.yaml"]').waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-line', { hasText: 'wget -q -O- http://127.0.0.1:8025/' }).first().waitFor({ timeout: 30_000 });
  });

  it('exports the picture as a self-contained SVG and as a PNG, through a save dialog', async () => {
    const { page } = workbench;
    // Back to the panel (the definition opened in its place): it draws again when shown.
    await page.locator(`.tabs-container .tab[aria-label^="Health: ${E2E_PROJECT}"]`).first().click();
    const frame = timelineFrame(page);
    await frame.locator('.lane[aria-label^="notifier"] .tick').first().waitFor({ timeout: 30_000 });
    for (const format of ['svg', 'png'] as const) {
      await frame.getByRole('button', { name: `Export ${format.toUpperCase()}…` }).click();
      // code-server's save dialog is a quick input holding the proposed path: the workspace folder.
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      // The dialog fills the path in after it opens (no event says when: read it again, with a deadline).
      let file = await input.inputValue();
      for (const deadline = Date.now() + 10_000; !file.endsWith(`.${format}`); file = await input.inputValue()) {
        assert.ok(Date.now() < deadline, `the save dialog proposes no .${format} file: ${file}`);
        await page.waitForTimeout(100);
      }
      assert.equal(path.dirname(file), folder, 'proposed in the workspace folder');
      assert.match(path.basename(file), new RegExp(`^${E2E_PROJECT}-health-all\\.${format}$`));
      await page.keyboard.press('Enter');
      await page.locator('.notification-toast', { hasText: `saved the timeline of ${E2E_PROJECT} to ${path.basename(file)}` }).first().waitFor({ timeout: 30_000 });
      const bytes = fs.readFileSync(file);
      if (format === 'svg') {
        const svg = bytes.toString('utf8');
        assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        assert.ok(svg.includes('>notifier</text>'), 'the lanes are in it');
        assert.ok(!svg.includes('var(--'), 'the theme colours are resolved: outside VS Code no theme variable exists');
        assert.match(svg, /fill="rgb\(/);
        assert.ok(!/tabindex|data-d=/.test(svg), 'nothing of the panel\'s interaction');
      } else {
        assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
        const svgWidth = Number(await frame.locator('#picture svg').getAttribute('width'));
        assert.equal(bytes.readUInt32BE(16), svgWidth * 2, 'drawn at twice the picture\'s width');
        fs.copyFileSync(file, path.join(repoRoot, '.test-artifacts', 'e2e-timeline-export.png'));
      }
    }
  });

  it('works the same from the packaged .vsix, opened from the Command Palette', async () => {
    workbench = await reopenFromVsix(workbench, SETTLED);
    const { page } = workbench;
    await runCommand(page, 'Compose Health: Show Health Timeline');
    // With other projects on the engine, a quick pick asks which one.
    const tab = page.locator(`.tabs-container .tab[aria-label^="Health: ${E2E_PROJECT}"]`).first();
    const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: E2E_PROJECT }).first();
    await tab.or(pick).waitFor({ timeout: 30_000 });
    if (await pick.isVisible()) {
      await page.locator('.quick-input-widget input').fill(E2E_PROJECT);
      await page.keyboard.press('Enter');
    }
    await tab.waitFor({ timeout: 30_000 });
    // The webview's script (media/timeline.js) drew the picture the panel (dist/timeline.js) sent.
    const notifier = timelineFrame(page).locator('.lane[aria-label^="notifier"]');
    await notifier.locator('.s-unhealthy').first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('timeline-installed-vsix');
  });
});
