import { constants, existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import * as vscode from 'vscode';
import { COMMAND, WORKBENCH_COMMAND } from '../commands/ids';
import type { ComposeFiles } from '../compose/composeFiles';
import type { ComposeDocumentService } from '../compose/documents';
import type { LabelledContainer } from '../core/engine/types';
import { engineUnreachableMessage } from '../core/engine/errors';
import { COMPOSE_LABELS } from '../core/identity/labels';
import { fileIdentity } from '../core/identity/projectIdentity';
import { ContainerLocator } from '../core/probe/locator';
import type { ProbeQueue } from '../core/probe/probeQueue';
import type { SuggestEngine } from '../core/suggest/engine';
import { suggestHealthcheck, type SuggestResult } from '../core/suggest/suggest';
import { formatTriedLog, minimalChange, suggestProgressMessage } from './suggestText';
import type { SuggestionPreviews } from './suggestionPreviews';
import { yamlEdits } from './yamlEdits';

export interface SuggestDeps {
  documents: ComposeDocumentService;
  files: Pick<ComposeFiles, 'isComposeDocument'>;
  engine: (file: string) => SuggestEngine;
  queue: (file: string) => ProbeQueue;
  log: vscode.LogOutputChannel;
  previews: SuggestionPreviews;
  /** The compose files that may define a project's service (the Services view's row gives project and service). */
  serviceFiles: (project: string, service: string) => string[];
}

/** What the command is invoked with: (uri, service) from a lens or code action, a Services view row, or nothing. */
type Invocation = [uri?: unknown, service?: unknown];

const INSERT = '$(check) Insert this healthcheck';
const CANCEL = '$(close) Cancel';

/**
 * `composeHealth.suggestHealthcheck`: finds a healthcheck that works in the service's running container
 * (src/core/suggest: candidates tried inside it as Docker's monitor runs a probe; only one that passed
 * is offered), logs every candidate tried, previews the edit as a diff and, on Insert, writes it into
 * the file that defines the service with one undoable edit, then offers Recreate.
 */
export async function suggestCommand(deps: SuggestDeps, ...args: Invocation): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window
      .showWarningMessage('Suggesting a healthcheck runs candidate checks inside a container, so it needs a trusted workspace. Nothing was run.', 'Manage Workspace Trust')
      .then((choice) => (choice ? vscode.commands.executeCommand(WORKBENCH_COMMAND.manageTrust) : undefined));
    return;
  }
  const target = await resolveTarget(deps, args);
  if (!target) return;
  const { document, service } = target;
  const model = deps.documents.modelFor(document);
  const file = document.uri.fsPath;

  // The file the healthcheck goes into is the one that defines the service (an override that only
  // mentions it is not), checked for writing before anything runs.
  const defining = await definingDocument(document, service, model.baseFiles ?? []);
  const readOnly = await readOnlyReason(defining.uri);
  if (readOnly) {
    void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(defining.uri)} defines ${service} but ${readOnly}, so a healthcheck cannot be inserted. Nothing was run.`);
    return;
  }

  let engine: SuggestEngine;
  let running: LabelledContainer[];
  try {
    engine = deps.engine(file);
    // A command acts on what runs this moment: the engine's list, not the lenses' live copy.
    const members = await new ContainerLocator(engine).find(fileIdentity(file, model));
    running = members.filter((c) => c.labels[COMPOSE_LABELS.service] === service && c.state === 'running');
  } catch (error) {
    void vscode.window.showErrorMessage(engineUnreachableMessage(error));
    return;
  }
  if (running.length === 0) {
    void vscode.window
      .showWarningMessage(`No running container for ${service}. A healthcheck is suggested only from checks that passed inside the service's container, never on this machine.`, 'Start Service')
      .then((start) => (start ? vscode.commands.executeCommand(COMMAND.startService, document.uri, service) : undefined));
    return;
  }
  const container = running[0];
  const servicePorts = [...new Set([...yamlEdits().declaredServicePorts(defining.getText(), service), ...yamlEdits().declaredServicePorts(document.getText(), service)])];

  let cancelled = false;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Suggesting a healthcheck for ${service}`, cancellable: true },
    async (progress, token): Promise<SuggestResult> => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => {
        cancelled = true;
        abort.abort();
      });
      try {
        return await suggestHealthcheck(engine, container.id, {
          servicePorts,
          signal: abort.signal,
          queue: deps.queue(file),
          onProgress: (p) => progress.report({ message: suggestProgressMessage(p) }),
        });
      } finally {
        cancel.dispose();
      }
    },
  );
  deps.log.info(`Suggest ${service} in ${container.name}${running.length > 1 ? ` (the first of ${running.length} running containers)` : ''}: ${result.tried.length} candidate check(s) tried`);
  for (const tried of result.tried) {
    const line = formatTriedLog(service, container.name, tried);
    if (tried.exitCode === 0) deps.log.info(line);
    else deps.log.warn(line);
  }
  if (!result.ok) {
    deps.log.warn(`Suggest ${service}: no healthcheck suggested. ${result.reason}`);
    // The user pressed Cancel: nothing more to say than what the log holds.
    if (cancelled) return;
    void vscode.window
      .showWarningMessage(`No healthcheck suggested for ${service}: ${result.reason}`, 'Show Log')
      .then((show) => (show ? deps.log.show(true) : undefined));
    return;
  }
  for (const line of result.basis) deps.log.info(`Suggest ${service}: ${line}`);

  const preview = yamlEdits().applyHealthcheck(defining.getText(), service, result.healthcheck);
  if (!preview.ok) {
    void vscode.window.showErrorMessage(`A healthcheck passed in ${container.name}, but it cannot be written into ${vscode.workspace.asRelativePath(defining.uri)}: ${preview.message}`, 'Show Log').then((show) => (show ? deps.log.show(true) : undefined));
    return;
  }
  const accepted = await previewAndAsk(deps.previews, defining, preview.text, service, `${result.candidate.description} passed in ${container.name} in ${Math.round(result.verified.durationMs)} ms`);
  if (!accepted) return;

  // Written into the text as it is now (it may have changed while the preview was open): the same
  // healthcheck, placed by the same rules, as one edit VS Code can undo; unsaved changes are kept.
  const edited = yamlEdits().applyHealthcheck(defining.getText(), service, result.healthcheck);
  if (!edited.ok) {
    void vscode.window.showErrorMessage(`The healthcheck was not inserted: ${edited.message}`);
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  const change = minimalChange(defining.getText(), edited.text);
  edit.replace(defining.uri, new vscode.Range(defining.positionAt(change.start), defining.positionAt(change.end)), change.text);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`VS Code refused the edit of ${vscode.workspace.asRelativePath(defining.uri)}; nothing was inserted.`);
    return;
  }
  const at = defining.positionAt(change.start);
  await vscode.window.showTextDocument(defining, { selection: new vscode.Range(at, at) });
  void vscode.window
    .showInformationMessage(
      `Inserted the healthcheck into ${vscode.workspace.asRelativePath(defining.uri)}. Docker runs it only in a new container: recreate ${service} to apply it.`,
      'Recreate',
    )
    .then((recreate) => (recreate ? vscode.commands.executeCommand(COMMAND.recreateService, document.uri, service) : undefined));
}

/** (uri, service) from a lens or code action; a Services view row ({ project, service }); else the cursor's service. */
async function resolveTarget(deps: SuggestDeps, [first, second]: Invocation): Promise<{ document: vscode.TextDocument; service: string } | undefined> {
  if (first instanceof vscode.Uri && typeof second === 'string') {
    // openTextDocument returns the open editor's document: unsaved edits included.
    return { document: await vscode.workspace.openTextDocument(first), service: second };
  }
  if (isServiceRow(first)) {
    const candidates = deps.serviceFiles(first.project, first.service);
    for (const file of candidates) {
      if (!existsSync(file)) continue;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      if (deps.documents.modelFor(document).services.some((s) => s.name === first.service)) return { document, service: first.service };
    }
    const where = candidates.length ? ` (looked in ${candidates.join(', ')})` : '';
    void vscode.window.showWarningMessage(`No compose file on this machine defines service "${first.service}" of project "${first.project}"${where}. Open the folder that holds its compose file, then try again.`);
    return undefined;
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || !deps.files.isComposeDocument(editor.document)) {
    void vscode.window.showInformationMessage('Open a compose file and put the cursor in a service, then run Suggest a Healthcheck again.');
    return undefined;
  }
  const document = editor.document;
  const services = [...deps.documents.modelFor(document).services].sort((a, b) => a.keyRange.start - b.keyRange.start);
  if (services.length === 0) {
    void vscode.window.showInformationMessage('This compose file defines no services.');
    return undefined;
  }
  const cursor = document.offsetAt(editor.selection.active);
  // Services follow one another under `services:`: the cursor is in the last one whose key precedes it.
  const under = services.filter((s) => s.keyRange.start <= cursor).pop();
  if (under) return { document, service: under.name };
  if (services.length === 1) return { document, service: services[0].name };
  const picked = await vscode.window.showQuickPick(
    services.map((s) => s.name),
    { placeHolder: 'Suggest a healthcheck for which service?' },
  );
  return picked ? { document, service: picked } : undefined;
}

function isServiceRow(value: unknown): value is { project: string; service: string } {
  const row = value as { kind?: unknown; project?: unknown; service?: unknown } | undefined;
  return row?.kind === 'service' && typeof row.project === 'string' && typeof row.service === 'string';
}

/**
 * This document when it defines the service (an `image`, `build` or `extends`), else the base file of
 * an override that does; else this document (the edit then says what is missing).
 */
async function definingDocument(document: vscode.TextDocument, service: string, baseFiles: string[]): Promise<vscode.TextDocument> {
  if (yamlEdits().definesService(document.getText(), service)) return document;
  for (const file of baseFiles) {
    if (!existsSync(file)) continue;
    const base = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    if (yamlEdits().definesService(base.getText(), service)) return base;
  }
  return document;
}

/** Why the file cannot be edited, or undefined when it can. */
async function readOnlyReason(uri: vscode.Uri): Promise<string | undefined> {
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false) return 'its file system is read-only';
  if (uri.scheme === 'untitled') return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.permissions ?? 0) & vscode.FilePermission.Readonly) return 'it is read-only';
  } catch {
    return undefined;
  }
  if (uri.scheme !== 'file') return undefined;
  try {
    await access(uri.fsPath, constants.W_OK);
    return undefined;
  } catch {
    return 'this user may not write it';
  }
}

/**
 * Shows the edit as a diff (the file as it is ↔ with the healthcheck) and asks Insert or Cancel in a
 * quick pick: both are keyboard-driven, and the pick stays open when focus moves to the diff to read it.
 */
async function previewAndAsk(previews: SuggestionPreviews, document: vscode.TextDocument, text: string, service: string, detail: string): Promise<boolean> {
  const previewUri = previews.open(document.uri, text);
  try {
    await vscode.commands.executeCommand('vscode.diff', document.uri, previewUri, `${vscode.workspace.asRelativePath(document.uri)} ↔ with a healthcheck for ${service}`, { preview: true });
    const picked = await vscode.window.showQuickPick(
      [
        { label: INSERT, description: `into ${vscode.workspace.asRelativePath(document.uri)}`, detail },
        { label: CANCEL, description: 'leave the file as it is' },
      ],
      { title: `Suggested healthcheck for ${service}`, placeHolder: 'The diff shows the change. Insert it?', ignoreFocusOut: true },
    );
    return picked?.label === INSERT;
  } finally {
    await previews.close(previewUri);
  }
}
