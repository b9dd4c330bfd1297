import { existsSync, mkdirSync, rmSync, statSync, watch } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Read by test/support/host.mjs, which drives the workbench page and takes the picture. */
const SCREENSHOT_MARKER = 'COMPOSE_HEALTH_HOST_SCREENSHOT';

/**
 * Saves the workbench as it is now as .test-artifacts/<name>.png: the extension host cannot see its own
 * window, so it asks the host tier's driver through the console and waits for the file to appear.
 */
export async function screenshot(name: string, deadlineMs = 20_000): Promise<string> {
  const root = vscode.extensions.getExtension('compose-health.compose-health')!.extensionPath;
  const dir = path.join(root, '.test-artifacts');
  const file = path.join(dir, `${name}.png`);
  mkdirSync(dir, { recursive: true });
  rmSync(file, { force: true });
  const written = () => existsSync(file) && statSync(file).size > 0;
  await new Promise<void>((resolve, reject) => {
    const watcher = watch(dir, () => {
      if (!written()) return;
      clearTimeout(timer);
      watcher.close();
      resolve();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`no screenshot ${file} within ${deadlineMs} ms (is this run by test/support/host.mjs?)`));
    }, deadlineMs);
    console.log(`${SCREENSHOT_MARKER} ${name}`);
  });
  return file;
}
