import * as vscode from 'vscode';
import type { CommandId } from './ids';

/**
 * Registers a command so that nothing throws out of it: an unexpected failure is logged with its stack
 * in the "Compose Health" log and shown once with what to do. Every command of every capability goes
 * through here (VS Code itself would only log a rejected command to the developer console).
 */
export function registerCommand<A extends unknown[]>(
  id: CommandId,
  log: vscode.LogOutputChannel,
  run: (...args: A) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A) => {
    try {
      return await run(...args);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      log.error(`${id} failed: ${error instanceof Error ? (error.stack ?? detail) : detail}`);
      void vscode.window.showErrorMessage(`Compose Health could not finish: ${detail}. Details are in the Compose Health log.`);
      return undefined;
    }
  });
}
