import * as vscode from 'vscode';
import type { DisplayStatus } from '../core/health/select';

/** Codicons with theme colours, so the badges follow the user's theme (and high-contrast themes). */
const ICONS: Record<DisplayStatus, [id: string, color?: string]> = {
  healthy: ['pass', 'testing.iconPassed'],
  unhealthy: ['error', 'testing.iconFailed'],
  starting: ['loading~spin', 'testing.iconQueued'],
  running: ['circle-outline', 'foreground'],
  paused: ['debug-pause', 'testing.iconSkipped'],
  restarting: ['sync~spin', 'testing.iconQueued'],
  created: ['circle-large-outline', 'disabledForeground'],
  exited: ['stop-circle', 'disabledForeground'],
  notCreated: ['circle-slash', 'disabledForeground'],
};

export function statusIcon(status: DisplayStatus): vscode.ThemeIcon {
  const [id, color] = ICONS[status];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

/** A probe's result: exit 0 passed, anything else failed (moby daemon/health.go). */
export function probeIcon(exitCode: number): vscode.ThemeIcon {
  return exitCode === 0 ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
}
