import { spawn } from 'node:child_process';
import * as vscode from 'vscode';

/**
 * Runs one program in a VS Code terminal and resolves with its exit code (undefined when it could not
 * start or the terminal was closed first). The program is spawned from an executable and an argv
 * array — no shell parses anything — and its output is shown in a terminal that stays open after it
 * ends, so the user can read what Compose did.
 */
export function runInTerminal(options: {
  name: string;
  executable: string;
  args: string[];
  cwd: string;
  icon: string;
  /** Added to the extension host's environment, which the program otherwise inherits as it is. */
  env?: Record<string, string>;
}): Promise<number | undefined> {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<void>();
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn> | undefined;
    const show = (text: string): void => write.fire(text.replace(/\r?\n/g, '\r\n'));
    const pty: vscode.Pseudoterminal = {
      onDidWrite: write.event,
      onDidClose: close.event,
      open: () => {
        // Shown for the reader only; what runs is the argv below.
        show(`\x1b[2m${[options.executable, ...options.args].join(' ')}\x1b[0m\n`);
        child = spawn(options.executable, options.args, { cwd: options.cwd, env: { ...process.env, ...options.env }, shell: false, windowsHide: true });
        child.stdout?.on('data', (chunk: Buffer) => show(chunk.toString('utf8')));
        child.stderr?.on('data', (chunk: Buffer) => show(chunk.toString('utf8')));
        child.on('error', (error) => {
          show(`\n${error.message}\n`);
          resolve(undefined);
        });
        child.on('close', (code) => {
          show(`\n\x1b[2m[exited with code ${code ?? 'none'}; close this terminal when done]\x1b[0m\n`);
          resolve(code ?? undefined);
        });
      },
      close: () => {
        if (child && child.exitCode === null) child.kill();
        resolve(undefined);
        write.dispose();
        close.dispose();
      },
    };
    vscode.window.createTerminal({ name: options.name, pty, iconPath: new vscode.ThemeIcon(options.icon) }).show(true);
  });
}
