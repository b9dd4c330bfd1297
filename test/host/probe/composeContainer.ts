import Dockerode from 'dockerode';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';

// Helpers for the probe host suites: a container labelled exactly as Compose labels the service's
// container for the fixture file, created through the Engine API from inside the extension host.

export const docker = new Dockerode();
const EXTENSION_ID = 'compose-health.compose-health';

export interface ServiceContainer {
  name: string;
  id: string;
  remove(): Promise<void>;
}

export async function startServiceContainer(composeFile: string, service: string, healthcheck?: Dockerode.HealthConfig, number = 1): Promise<ServiceContainer> {
  const folder = path.dirname(composeFile);
  const name = `chprobe-host-${service}-${randomBytes(3).toString('hex')}`;
  const container = await docker.createContainer({
    name,
    Image: 'compose-health/busybox:test',
    Cmd: ['sleep', '3600'],
    Healthcheck: healthcheck,
    StopTimeout: 1,
    Labels: {
      'com.docker.compose.project': path.basename(folder),
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': String(number),
      'com.docker.compose.project.config_files': composeFile,
      'com.docker.compose.project.working_dir': folder,
    },
  });
  await container.start();
  return { name, id: container.id, remove: () => container.remove({ force: true }) };
}

/** The workspace's compose file (the fixture). */
export async function fixtureComposeFile(): Promise<vscode.Uri> {
  const [uri] = await vscode.workspace.findFiles('compose.yaml');
  if (!uri) throw new Error('the fixture workspace has no compose.yaml');
  return uri;
}

/**
 * Resolves once the extension is active. VS Code has no event for another extension's activation,
 * so this polls with a deadline.
 */
export async function extensionActive(deadlineMs = 30_000): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const deadline = Date.now() + deadlineMs;
  while (!extension.isActive && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!extension.isActive) throw new Error(`${EXTENSION_ID} did not activate within ${deadlineMs / 1000} s`);
}

export interface LensView {
  line: number;
  title: string;
  command: string;
  args?: unknown[];
}

export async function lensesOf(uri: vscode.Uri): Promise<LensView[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses
    .filter((l) => l.command)
    .map((l) => ({ line: l.range.start.line, title: l.command!.title, command: l.command!.command, args: l.command!.arguments }));
}

/** 0-based line of the `healthcheck:` key of a service in the document. */
export function healthcheckLine(document: vscode.TextDocument, service: string): number {
  const lines = document.getText().split('\n');
  const start = lines.findIndex((l) => l === `  ${service}:`);
  return lines.findIndex((l, i) => i > start && l.trim() === 'healthcheck:');
}

/**
 * Resolves with the probe diagnostics of `uri` once `accept` holds: checked now, then on each change of
 * the document's diagnostics (an event, no sleeping).
 */
export function probeDiagnostics(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const current = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'probe');
  if (accept(current())) return Promise.resolve(current());
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString()) || !accept(current())) return;
      sub.dispose();
      resolve(current());
    });
  });
}
