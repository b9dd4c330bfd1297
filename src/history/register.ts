import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HealthHistory } from '../core/history/model';
import { HistoryStore } from '../core/history/store';
import type { AppliedAction } from '../core/health/store';
import type { SharedEngine } from '../engine/sharedEngine';

/** The file in the extension's per-workspace storage folder (`ExtensionContext.storageUri`). */
export const HISTORY_FILE = 'health-history.json';
/** Records are written at most this long after they arrive (and once more when the window closes). */
const SAVE_DELAY_MS = 5000;
/** Actions held back while the saved history is read; past this the read is not waited for any longer. */
const MAX_HELD_ACTIONS = 10_000;

export interface HistoryService extends vscode.Disposable {
  readonly history: HealthHistory;
  /** Where the history is saved; undefined without a workspace (then it lives as long as the window). */
  readonly file: string | undefined;
  /** Fires after each write of the file. */
  readonly onDidSave: vscode.Event<void>;
}

/**
 * The health history every feature reads (the timeline, notifications, timing advice): a `HistoryStore`
 * fed by the shared health store's applied actions, restored from and saved to a JSON file in the
 * workspace's storage folder.
 *
 * A file rather than `workspaceState`: a Memento is one JSON value in the workbench's state database,
 * which VS Code reads whole at startup and, in a browser (code-server, vscode.dev), keeps on the client
 * side; the history is up to a few MB that changes every few seconds while containers flap, and belongs
 * beside the extension host that records it. The file is read once, asynchronously, after activation;
 * actions applied meanwhile are held and recorded after it. Writes are throttled (one per
 * `SAVE_DELAY_MS` at most), atomic (a temporary file renamed over the old), and the last one is
 * synchronous on dispose, since VS Code does not wait for an extension's promises when a window closes.
 */
export function registerHistory(context: Pick<vscode.ExtensionContext, 'storageUri'>, engine: Pick<SharedEngine, 'store'>, log: vscode.LogOutputChannel): HistoryService {
  const store = new HistoryStore();
  const file = context.storageUri?.scheme === 'file' ? path.join(context.storageUri.fsPath, HISTORY_FILE) : undefined;
  const saved = new vscode.EventEmitter<void>();
  let held: AppliedAction[] | undefined = file ? [] : undefined;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let disposed = false;
  /** An asynchronous write is on its way: a dispose meanwhile writes the file itself, and that write wins. */
  let inFlight = false;

  const release = () => {
    const actions = held ?? [];
    held = undefined;
    for (const action of actions) store.apply(action);
  };
  const applied = engine.store.onDidApply((action) => {
    if (!held) return store.apply(action);
    held.push(action);
    if (held.length > MAX_HELD_ACTIONS) {
      log.warn(`The saved health history in ${file} took too long to read; recording without it.`);
      release();
    }
  });

  const save = async (): Promise<void> => {
    timer = undefined;
    if (!file || !dirty || disposed) return;
    dirty = false;
    inFlight = true;
    const text = JSON.stringify(store.serialize());
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.writeFile(temporary, text);
      if (disposed) return void (await fs.promises.rm(temporary, { force: true }));
      await fs.promises.rename(temporary, file);
      saved.fire();
    } catch (error) {
      log.warn(`Could not save the health history to ${file}: ${(error as Error).message}. It is kept in memory for this window.`);
    } finally {
      inFlight = false;
    }
  };
  const schedule = () => {
    if (!timer && !held && file && dirty) timer = setTimeout(() => (writing = writing.then(save)), SAVE_DELAY_MS);
  };
  const recorded = store.onDidRecord(() => {
    dirty = true;
    schedule();
  });

  if (file) {
    void fs.promises
      .readFile(file, 'utf8')
      .then(
        (text) => {
          if (!held) return;
          let problem: string | undefined;
          try {
            problem = store.restore(JSON.parse(text));
          } catch (error) {
            problem = `it is not valid JSON (${(error as Error).message})`;
          }
          if (problem) log.warn(`The saved health history in ${file} was not loaded: ${problem}. A new one is recorded in its place.`);
        },
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') log.warn(`Could not read the saved health history in ${file}: ${error.message}. A new one is recorded in its place.`);
        },
      )
      .finally(() => {
        if (!held) return;
        release();
        // The restored history, pruned to the limits, and what was held meanwhile.
        schedule();
      });
  }

  return {
    history: store,
    file,
    onDidSave: saved.event,
    dispose: () => {
      applied.dispose();
      recorded.dispose();
      if (timer) clearTimeout(timer);
      disposed = true;
      if (file && (dirty || inFlight) && !held) {
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          const temporary = `${file}.${process.pid}.final.tmp`;
          fs.writeFileSync(temporary, JSON.stringify(store.serialize()));
          fs.renameSync(temporary, file);
        } catch (error) {
          log.warn(`Could not save the health history to ${file}: ${(error as Error).message}`);
        }
      }
      store.dispose();
      saved.dispose();
    },
  };
}
