import * as vscode from 'vscode';
import type { LogStream } from '../../core/engine/types';
import type { TreeElement } from '../elements';
import { containerOf, type TreeCommandContext } from './context';

/**
 * Follows a container's logs in a terminal. The stream comes through our own engine connection (not a
 * `docker` CLI on the host), so it works for every address the view works with, ssh:// and contexts too.
 */
export function showContainerLogs(ctx: TreeCommandContext, element: TreeElement | undefined): void {
  const record = containerOf(ctx.store, element);
  const session = record && ctx.sessionOf(record.id);
  if (!record || !session) {
    void vscode.window.showInformationMessage(!record ? 'Compose Health: choose a container in the Services view to see its logs.' : 'Compose Health: the engine of this container is not connected; retry its connection in the Services view first.');
    return;
  }
  const write = new vscode.EventEmitter<string>();
  let stream: LogStream | undefined;
  const terminalText = (text: string) => text.replace(/\r?\n/g, '\r\n');
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    open: () => {
      session.client
        .followLogs(record.id, { tail: 200 }, (text) => write.fire(terminalText(text)))
        .then((s) => {
          stream = s;
          return s.ended;
        })
        .then(() => write.fire('\r\n[Compose Health: the log stream ended — the container stopped or the connection closed]\r\n'))
        .catch((error: Error) => write.fire(`Compose Health: cannot read the logs of ${record.name}: ${error.message}\r\n`));
    },
    close: () => {
      stream?.close();
      write.dispose();
    },
  };
  vscode.window.createTerminal({ name: `Logs: ${record.name}`, pty, iconPath: new vscode.ThemeIcon('output') }).show();
}
