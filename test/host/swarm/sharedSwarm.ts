import * as path from 'node:path';
import * as vscode from 'vscode';
import { PrivateSwarm } from '../../engine/swarm/support';

/** The stack name the suite deploys the workspace's compose.yaml as. */
export const STACK = 'chswarmhost';

let started: Promise<PrivateSwarm> | undefined;

/**
 * One single-node swarm for the whole suite (every test file shares it: two swarms on one machine would
 * need their own loopback addresses), started at the first call: a private dockerd in Swarm mode with the
 * workspace's compose.yaml deployed as `STACK`, and its address added to the workspace's
 * composeHealth.engines (after the system engine). Removed after the suite's last test.
 */
export function sharedSwarm(): Promise<PrivateSwarm> {
  started ??= (async () => {
    const swarm = new PrivateSwarm('chswarmhost-dockerd', 'chswarmh0', '10.214.41.1/24', '10.218.0.0/16');
    await swarm.start();
    const file = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'compose.yaml');
    swarm.deploy(STACK, file);
    const config = vscode.workspace.getConfiguration('composeHealth');
    await config.update('engines', ['unix:///var/run/docker.sock', swarm.dockerd.url], vscode.ConfigurationTarget.Workspace);
    return swarm;
  })();
  return started;
}

// A root-level hook: runs once, after every file of the suite.
after(async function () {
  this.timeout(60_000);
  if (!started) return;
  const swarm = await started.catch(() => undefined);
  await swarm?.dispose();
});
