/** A span of a document as character offsets [start, end). Core code never deals in lines. */
export interface Range {
  start: number;
  end: number;
}

/**
 * Offsets → 0-based line and character, the one conversion for every edge that speaks in lines (the CLI,
 * VS Code's diagnostics, messages naming a line). Line starts are found once, on first use, then each
 * lookup is a binary search: a file can carry hundreds of findings. Characters are UTF-16 code units, as
 * in VS Code and SARIF's default `columnKind`.
 */
export class LineIndex {
  private lineStarts: number[] | undefined;

  constructor(private readonly text: string) {}

  positionAt(offset: number): { line: number; character: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.lineStarts[low] };
  }
}
