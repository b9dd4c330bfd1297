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

/**
 * Removes what Compose made for `project` on the engine: its containers and its default network.
 * 404/409 on a container: already gone or being removed (another run of the suite on the same engine
 * may clean up too).
 */
export async function removeComposeProject(project: string): Promise<void> {
  const made = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
  await Promise.all(
    made.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch((error: { statusCode?: number }) => {
          if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
        }),
    ),
  );
  await docker.getNetwork(`${project}_default`).remove().catch(() => undefined);
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

/**
 * Runs a lens's command that starts a service (`composeHealth.startService`: Compose in a terminal) and
 * returns its exit code with the terminal it opened; the caller disposes the terminal.
 */
export async function runStartLens(lens: LensView): Promise<{ code: number | undefined; terminal: vscode.Terminal }> {
  const opened = new Promise<vscode.Terminal>((resolve) => {
    const sub = vscode.window.onDidOpenTerminal((t) => {
      sub.dispose();
      resolve(t);
    });
  });
  const code = await vscode.commands.executeCommand<number | undefined>(lens.command, ...(lens.args ?? []));
  return { code, terminal: await opened };
}
