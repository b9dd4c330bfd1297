import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openFile, openWorkbench, problems, repoRoot, Workbench } from './support';

const CODE = 'start-interval-exceeds-interval';
// A rule whose section is far down docs/rules.md: landing at the file's top would not show it.
const COMPOSE = `services:
  web:
    image: compose-health/busybox:test
    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
      start_period: 30s
      start_interval: 10s
`;

describe('e2e: a diagnostic\'s code link opens the rule\'s own section of docs/rules.md', function () {
  this.timeout(180_000);
  let workbench: Workbench;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-health-e2e-rulelink-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    workbench = await openWorkbench({ workspace: dir });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot('failed-rule-link');
  });
  after(async () => {
    await workbench?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('clicking the code in the Problems panel shows the section heading, with the cursor on it', async () => {
    const { page } = workbench;
    await openFile(page, 'compose.yaml');
    await problems(page, 'start_interval');
    const link = page.locator('.markers-panel .monaco-list-row').filter({ hasText: CODE }).locator('.code-link, a', { hasText: CODE }).first();
    await link.waitFor();
    await link.click();
    await page.locator('.tabs-container .tab.active[aria-label^="rules.md"]').waitFor({ timeout: 30_000 });
    const heading = page.locator('.editor-instance .view-lines').filter({ hasText: `## ${CODE}` }).first();
    await heading.waitFor({ timeout: 30_000 });
    const line = fs.readFileSync(path.join(repoRoot, 'docs/rules.md'), 'utf8').split('\n').indexOf(`## ${CODE}`) + 1;
    assert.ok(line > 60, 'the section is far from the top');
    await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col 1` }).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('rule-link');
  });
});
