import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ComposeHealthExports } from '../../../src/extension';
import type { PrivateSwarm } from '../../engine/swarm/support';
import { logText } from '../logText';
import { healthcheckLine } from '../probe/composeContainer';
import { screenshot } from '../screenshot';
import { STACK, sharedSwarm } from './sharedSwarm';

const DEADLINE_MS = 90_000;

interface Lens {
  title: string;
  command: string;
}

/**
 * The workspace's compose.yaml runs as no Compose project anywhere: it is deployed as stack `STACK` on
 * the suite's swarm (sharedSwarm). Its lens finds web's task container on the swarm engine (this node),
 * shows its health and runs the probe in it. Runs before stackTree.test.ts, which takes the stack down.
 */
describe('host: the probe lens on a compose file deployed as a Swarm stack', function () {
  this.timeout(180_000);
  let exports: ComposeHealthExports;
  let swarm: PrivateSwarm;
  let uri: vscode.Uri;
  let document: vscode.TextDocument;
  let task: { id: string; name: string };

  /** The lenses above web's healthcheck, as VS Code asks the provider for them. */
  const webLenses = async (): Promise<Lens[]> => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    return lenses
      .filter((l) => l.command && l.range.start.line === healthcheckLine(document, 'web'))
      .map((l) => ({ title: l.command!.title, command: l.command!.command }));
  };

  /** Resolves once web's lenses satisfy `accept`, asking again after every redraw the lens provider asks for. */
  const untilLenses = async (accept: (lenses: Lens[]) => boolean, what: string): Promise<Lens[]> => {
    let redrawn = false;
    const subscription = exports.probe.onDidChangeCodeLenses(() => (redrawn = true));
    try {
      const deadline = Date.now() + DEADLINE_MS;
      let lenses = await webLenses();
      while (!accept(lenses)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the lenses read ${JSON.stringify(lenses)}`);
        if (!redrawn) await nextRedraw(exports, deadline - Date.now());
        redrawn = false;
        lenses = await webLenses();
      }
      return lenses;
    } finally {
      subscription.dispose();
    }
  };

  before(async function () {
    this.timeout(180_000);
    const extension = vscode.extensions.getExtension<ComposeHealthExports>('compose-health.compose-health');
    assert.ok(extension, 'the extension is loaded');
    exports = await extension.activate();
    swarm = await sharedSwarm();
    uri = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'compose.yaml'));
    document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it("shows the task container's health from the swarm engine, and offers no Compose action", async () => {
    const lenses = await untilLenses((l) => /^\$\(pass\) healthy/.test(l[1]?.title ?? ''), "web's lens showing its task container healthy");
    // The one task container of the stack, as the swarm engine lists it (the system engine has none).
    const [listed] = await swarm.docker.listContainers({ filters: { label: [`com.docker.stack.namespace=${STACK}`] } });
    assert.ok(listed, 'the task container runs on the swarm engine');
    task = { id: listed.Id, name: listed.Names[0].replace(/^\//, '') };
    assert.match(task.name, new RegExp(`^${STACK}_web\\.1\\.`), 'swarmkit names it <service>.<slot>.<task id>');
    // Without the stack, the lens would say `no running container · Start service` (no Compose container anywhere).
    assert.equal(lenses[0].title, '$(play) Run probe');
    assert.equal(lenses.length, 2, 'no drift (the task runs the file\'s check), no other lens');
    assert.ok(!lenses.some((l) => /startService|recreateService/.test(l.command)), 'no Compose start or recreate for a stack service');
  });

  it('Run probe runs in the task container: the result in the lens and the log names the container', async () => {
    await vscode.commands.executeCommand('composeHealth.runProbe', uri, 'web');
    const lenses = await webLenses();
    assert.match(lenses[1].title, /^\$\(pass\) exit 0 · \d+ ms$/);
    const logged = await logText((text) => text.includes(`Probe web in ${task.name}`));
    assert.match(logged, new RegExp(`Probe web in ${escape(task.name)} \\(${task.id.slice(0, 12)}\\): \\["/bin/sh","-c","test -f /tmp/ok"\\] → exit 0, healthy, \\d+ ms`));
    // The picture: the lens's result and the log line naming the task container (code-server's port notification hidden).
    await vscode.commands.executeCommand('notifications.clearAll');
    await workbenchCaughtUp();
    await screenshot('host-swarm-lens');
  });

  it("an edited check runs in the task container too, and its drift says to update the stack", async () => {
    const line = document.lineAt(healthcheckLine(document, 'web') + 1);
    const edit = new vscode.WorkspaceEdit();
    // Docker gives a container its id's first 12 digits as hostname: the output says where the probe ran.
    edit.replace(uri, line.range, '      test: ["CMD-SHELL", "hostname; exit 3"]');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.commands.executeCommand('composeHealth.runProbe', uri, 'web');
    const lenses = await webLenses();
    assert.equal(lenses[1].title, `$(error) exit 3 · ${task.id.slice(0, 12)}`);
    assert.equal(lenses[2].title, `$(history) container runs an older healthcheck · deployed as stack ${STACK}; update it with docker stack deploy`);
    assert.equal(lenses[2].command, '', 'a label: Compose must not recreate a stack service');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * For a screenshot only, never before an assertion: the workbench asks for and paints new lenses after
 * debounces of its own (VS Code's CodeLensContribution: provide, then resolve in the viewport), and no
 * event tells the extension host when it has; seen here, a picture right after the result showed the
 * previous lenses, one 6 s later the new ones.
 */
function workbenchCaughtUp(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 6000));
}

/** The lens provider's next redraw request, or the end of the wait. */
function nextRedraw(exports: ComposeHealthExports, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    const subscription = exports.probe.onDidChangeCodeLenses(done);
    function done(): void {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    }
  });
}
