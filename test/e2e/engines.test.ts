import * as assert from 'node:assert/strict';
import Docker from 'dockerode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PrivateSwarm } from '../engine/swarm/support';
import { composeDown, composeUp, expandRow, openServicesView, openWorkbench, repoRoot, rowsUnder, treeRows, Workbench } from './support';

const SYSTEM_ENGINE = 'unix:///var/run/docker.sock';
// Unique per run on the shared engine, as the other e2e tests' project; the stack runs on a swarm of its own.
const PROJECT = `che2e14-${process.pid}`;
const STACK = 'che2e14-stack';
const FIXTURE = path.join(repoRoot, 'test/fixtures/engines-and-stack');
const DEADLINE_MS = 90_000;

/**
 * One compose file, run by `docker compose up` on the system engine and deployed by `docker stack
 * deploy` on a single-node swarm (a private dockerd of this test's own, names and networks apart from
 * the host suite's and the engine tests' swarms): a workspace listing both engines shows each as a
 * top-level row, the project under one and the stack → service → task under the other, all healthy.
 */
describe('e2e: two engines and a Swarm stack in the Services view', function () {
  this.timeout(240_000);
  let workbench: Workbench | undefined;
  let swarm: PrivateSwarm | undefined;
  let folder: string | undefined;
  let file: string;
  let composeStarted = false;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-health-e2e-engines-'));
    // The folder's name is the project's, so the project reads the same on both engines (see the test).
    const workspace = path.join(folder, PROJECT);
    fs.cpSync(FIXTURE, workspace, { recursive: true });
    file = path.join(workspace, 'compose.yaml');
    swarm = new PrivateSwarm('che2eswarm-dockerd', 'che2esw0', '10.214.43.1/24', '10.219.0.0/16');
    await swarm.start();
    swarm.deploy(STACK, file);
    composeStarted = true;
    await composeUp(PROJECT, file);
    // The swarm's socket exists only now: the workspace's settings name it, as a person's would.
    fs.mkdirSync(path.join(workspace, '.vscode'));
    const settings = {
      'composeHealth.engines': [SYSTEM_ENGINE, swarm.dockerd.url],
      // Other work on this machine runs projects on the system engine: show only this workspace's.
      'composeHealth.tree.projects': 'workspace',
    };
    fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
    workbench = await openWorkbench({ workspace });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });
  after(async function () {
    this.timeout(120_000);
    await workbench?.close();
    if (swarm) {
      try {
        swarm.removeStack(STACK);
      } catch (error) {
        console.log(`      ${(error as Error).message}`);
      }
      // Leaves the swarm, stops its dockerd and removes its folder and bridges.
      await swarm.dispose();
    }
    try {
      if (composeStarted) await composeDown(PROJECT, file);
    } finally {
      if (folder) fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('shows each engine as a row: the Compose project healthy on one, the stack → web → web.1 healthy on the other', async () => {
    const { page } = workbench!;
    const view = await openServicesView(page);
    const swarmEngine = swarm!.dockerd.url;
    const node = (await swarm!.docker.info()).Name as string;
    const version = async (docker: Docker) => (await docker.version()).Version;
    const engineRows = [`Docker ${await version(new Docker())} ${SYSTEM_ENGINE}`, `Docker ${await version(swarm!.docker)} ${swarmEngine}`];
    const row = (name: string | RegExp) => view.getByRole('treeitem', { name, exact: true });

    // The stack's service row is drawn folded (as a Compose service's is): open it, as a person would,
    // once it has something to show (a service row without tasks has no twistie).
    const stackService = row(/^web \d+\/\d+ · /);
    await stackService.and(view.locator('[aria-expanded]')).waitFor({ timeout: DEADLINE_MS });
    await expandRow(stackService);
    await stackService.and(view.locator('[aria-expanded="true"]')).waitFor();
    const task = `web.1 running · healthy · ${node}`;
    for (const label of [...engineRows, `${PROJECT} 1/1 healthy`, 'web healthy', `${STACK} stack · 1/1 healthy`, 'web 1/1 · healthy', task]) {
      await row(label).waitFor({ timeout: DEADLINE_MS });
    }

    // What the picture shows, row by row: each engine holds only its own part.
    const rows = await treeRows(page);
    const engines = rows.flatMap((r, i) => (r.level === 1 ? [i] : []));
    assert.deepEqual(
      engines.map((i) => rows[i].label),
      engineRows,
      'the two engines of composeHealth.engines, in its order',
    );
    const under = (i: number) => rowsUnder(rows, i).map((r) => `${r.level} ${r.label} [${r.icon}]`);
    assert.deepEqual(under(engines[0]), [`2 ${PROJECT} 1/1 healthy [pass]`, '3 web healthy [pass]'], 'the system engine shows the Compose project, no stack');
    // On the swarm engine the file runs as the stack `docker stack deploy` made of it: the stack stands for
    // it there, with no "not created" Compose project beside it (ServicesTreeProvider.projectsShown).
    assert.deepEqual(
      under(engines[1]),
      [`2 ${STACK} stack · 1/1 healthy [pass]`, '3 web 1/1 · healthy [pass]', `4 ${task} [pass]`],
      'the swarm engine shows the stack, its service and its task on this node',
    );
    // Summed over the engines: the project's web and the stack's web, both healthy.
    await page.locator('.statusbar-item', { hasText: /^\s*2\/2 healthy\s*$/ }).first().waitFor({ timeout: DEADLINE_MS });

    // The README's picture: the side bar wide enough for the addresses and the task's node, the window
    // cut to the rows' height.
    await widenSideBar(page, 620);
    await page.setViewportSize({ width: 960, height: 360 });
    await row(task).waitFor();
    await workbench!.screenshot('engines-and-stack');
  });
});

/** Drags the side bar's edge (its sash) until the side bar is `width` pixels wide, as a person would. */
async function widenSideBar(page: Workbench['page'], width: number): Promise<void> {
  const sidebar = page.locator('.part.sidebar');
  const box = await sidebar.boundingBox();
  assert.ok(box, 'the side bar is shown');
  const edge = box.x + box.width;
  await page.mouse.move(edge, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  // Off the edge, which stays highlighted while the pointer is on it.
  await page.mouse.move(box.x + width + 100, box.y + box.height / 2);
  await page.locator('.monaco-sash.hover, .monaco-sash.active').first().waitFor({ state: 'detached' });
  const widened = await sidebar.boundingBox();
  assert.ok(widened && widened.width >= width - 10, `the side bar is ${widened?.width} px wide after dragging its edge`);
}
