/**
 * Offsets → 0-based line and character, like `positionAt` in ../compose/range but with one pass over the
 * text for all lookups: a file can carry hundreds of findings (the CLI, files checked from disk).
 * Characters are UTF-16 code units, as in VS Code and SARIF's default `columnKind`.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  positionAt(offset: number): { line: number; character: number } {
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
