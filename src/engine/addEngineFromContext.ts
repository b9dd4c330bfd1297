import { readdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { resolveEngineAddress } from '../core/engine/address';
import { dockerContexts } from '../core/engine/engines';
import { hostEngineInputs } from '../core/engine/open';

/**
 * "Add Engine from Docker Context…": the contexts `docker context ls` would list, read from the same
 * store address.ts reads, and the chosen one appended to composeHealth.engines (by name, so a context
 * whose endpoint is later changed with `docker context update` is followed).
 */
export async function addEngineFromContext(): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('composeHealth');
  const listed = configuration.get<string[]>('engines') ?? [];
  const contexts = dockerContexts(hostEngineInputs(), listDirectory);
  const items = contexts.map((c) => ({
    label: c.name,
    description: c.host,
    detail: listed.includes(c.name) ? 'Already in composeHealth.engines' : c.description,
    context: c,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Add Engine from Docker Context', placeHolder: 'The Docker context whose engine the Services view should show too' });
  if (!picked) return;
  if (listed.includes(picked.context.name)) {
    void vscode.window.showInformationMessage(`Compose Health: the context "${picked.context.name}" is already in composeHealth.engines.`);
    return;
  }
  // An empty list means "the engine found by default": written out first, so it stays beside the new one.
  const next = listed.length === 0 ? [...new Set([defaultEngine(configuration), picked.context.name])] : [...listed, picked.context.name];
  await configuration.update('engines', next, vscode.ConfigurationTarget.Global);
}

/** How the list writes the engine found today: its context's name, else its address. */
function defaultEngine(configuration: vscode.WorkspaceConfiguration): string {
  const resolved = resolveEngineAddress(hostEngineInputs(configuration.get<string>('docker.host')));
  if (!resolved.ok) return 'default';
  const { source, url } = resolved.address;
  return source.kind === 'context' ? source.name : source.kind === 'default' ? 'default' : url;
}

function listDirectory(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    // No contexts created yet: the CLI lists only `default` then.
    return [];
  }
}
