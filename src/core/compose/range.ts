/** A span of a document as character offsets [start, end). Core code never deals in lines. */
export interface Range {
  start: number;
  end: number;
}

/** 0-based line and character of an offset, for converting ranges at the edges (CLI, VS Code). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
