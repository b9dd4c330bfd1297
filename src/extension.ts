import * as vscode from 'vscode';
import { registerDiagnostics } from './diagnostics';
import { registerProbe } from './probe/register';

// activate() only wires: one register call per capability, each returning a Disposable.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Compose Health', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('composeHealth.showLog', () => log.show(true)),
    registerDiagnostics(context, log),
    registerProbe({ log }),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
