import type * as vscode from 'vscode';

/**
 * Collects keys (document URIs) and hands them over in one batch once nothing new arrived for `delayMs`,
 * as the markdown extension's diagnostic manager does: typing re-arms the timer instead of queuing work.
 */
export class PendingSetDelayer<T> implements vscode.Disposable {
  private readonly pending = new Map<string, T>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly run: (items: T[]) => void,
  ) {}

  add(key: string, item: T): void {
    this.pending.set(key, item);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  delete(key: string): void {
    this.pending.delete(key);
  }

  clear(): void {
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const items = [...this.pending.values()];
    this.pending.clear();
    if (items.length) this.run(items);
  }

  dispose(): void {
    this.clear();
  }
}
