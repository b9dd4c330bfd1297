import * as vscode from 'vscode';
import { WORKBENCH_COMMAND } from '../commands/ids';

/** What a probe command says in an untrusted workspace (compose and Dockerfile lenses alike): why nothing ran, and where to trust. */
export function explainUntrusted(): void {
  // Not awaited: the command is done (nothing ran) whether or not the message is answered.
  void vscode.window
    .showWarningMessage('Running a probe executes the healthcheck inside a container, so it needs a trusted workspace. Nothing was run.', 'Manage Workspace Trust')
    .then((choice) => (choice ? vscode.commands.executeCommand(WORKBENCH_COMMAND.manageTrust) : undefined));
}
