import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { Range } from '../compose/range';
import { DEFAULT_LIMITS, type Limits } from '../compose/limits';
import type { CopyFrom, DockerfileModel, HealthcheckCommand, HealthcheckFlag, HealthcheckInstruction, RunInstruction, Stage, Word } from './model';

/**
 * Reads a Dockerfile with dockerfile-ast (the parser of the VS Code Dockerfile language service): its
 * directives, instructions, stages, continuation lines and comments. A HEALTHCHECK's arguments are then
 * read the way BuildKit reads them, which dockerfile-ast does not do (it splits them on whitespace):
 * flags first (parser.go extractBuilderFlags), then the type word, then the command as a JSON array of
 * strings or else the shell form (line_parsers.go parseHealthConfig, parseMaybeJSON). Never throws on
 * any text; a file too large or not text is refused with a reason instead of parsed.
 */
export function parseDockerfile(text: string, limits: Pick<Limits, 'maxChars'> = DEFAULT_LIMITS): DockerfileModel {
  if (text.length > limits.maxChars) {
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
    return refused(text, 'too-large', `This Dockerfile is ${mb(text.length)}, more than the ${mb(limits.maxChars)} Compose Health checks; it was not checked. A Dockerfile this size is almost certainly generated or not a Dockerfile.`);
  }
  // NUL does not occur in a text file; BuildKit would read such a file as instructions of garbage.
  if (text.slice(0, 8192).includes('\0')) {
    return refused(text, 'not-text', 'This file holds binary data (NUL bytes), not the text of a Dockerfile; it was not checked. Rename it if it is not a Dockerfile.');
  }
  const positions = new Positions(text);
  const dockerfile = DockerfileParser.parse(text);
  const escape = dockerfile.getEscapeCharacter() === '`' ? '`' : '\\';
  const escapeDirectives = dockerfile.getDirectives().filter((d) => d.getName().toLowerCase() === 'escape' && d.getValue() !== '');
  const escapeDirective = escapeDirectives[0];
  const repeatedEscape = escapeDirectives[1] ? positions.range(escapeDirectives[1].getRange()) : undefined;
  const escapeValue = escapeDirective?.getValue() ?? '';
  const valueRange = escapeDirective?.getValueRange();
  // parser.go setEscapeToken: only ` and \ are allowed; anything else fails the build. An empty value is
  // no directive at all (directives.go: the value pattern needs one character), just a comment.
  const invalidEscape =
    escapeDirective && escapeValue !== '' && escapeValue !== '`' && escapeValue !== '\\' && valueRange ? { value: escapeValue, range: positions.range(valueRange) } : undefined;

  const stages: MutableStage[] = [];
  // A stage ends where its last instruction ends: converted once per stage, not once per instruction.
  let last: Instruction | undefined;
  const close = () => {
    const stage = stages[stages.length - 1];
    if (stage && last) stage.range = { start: stage.range.start, end: positions.offset(last.getRange().end) };
    last = undefined;
  };
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      close();
      stages.push(readFrom(instruction, text, escape, stages, positions));
      continue;
    }
    const stage = stages[stages.length - 1];
    // Instructions before the first FROM belong to no stage (only ARG may stand there).
    if (!stage) continue;
    last = instruction;
    if (keyword === 'HEALTHCHECK') stage.healthchecks.push(readHealthcheck(instruction, text, escape, positions));
    else if (keyword === 'RUN') stage.runs.push(readRun(instruction, text, escape, positions));
    else if (keyword === 'COPY') {
      const copy = readCopy(instruction, text, escape, positions);
      if (copy) stage.copies.push(copy);
    } else if (keyword === 'SHELL') stage.setsShell = true;
  }
  close();
  return { text, escape, ...(invalidEscape ? { invalidEscape } : {}), ...(repeatedEscape ? { repeatedEscape } : {}), stages };
}

type MutableStage = Stage & { range: Range; setsShell: boolean; healthchecks: HealthcheckInstruction[]; runs: RunInstruction[]; copies: CopyFrom[] };

function refused(text: string, reason: 'too-large' | 'not-text', message: string): DockerfileModel {
  return { text, escape: '\\', stages: [], refused: { reason, message } };
}

function readFrom(from: Instruction, text: string, escape: Escape, earlier: readonly Stage[], positions: Positions): MutableStage {
  const reader = new ArgumentReader(from, text, escape, positions);
  const range = reader.range;
  // parse.go parseFrom: flags (--platform) first, then `image [AS name]` split on blanks. Read here rather
  // than with dockerfile-ast's getArguments, which tokenises the instruction again on every call.
  reader.flags();
  const args = reader.words();
  const base = args[0]?.text ?? '';
  // parse.go parseBuildStageName lower-cases the name; a base naming an earlier stage is compared the same way.
  const name = args.length === 3 && args[1].text.toLowerCase() === 'as' ? args[2].text.toLowerCase() : undefined;
  const lower = base.toLowerCase();
  const parent = earlier.find((s) => s.name !== undefined && s.name === lower);
  const baseKind: Stage['baseKind'] = lower === 'scratch' ? { kind: 'scratch' } : parent ? { kind: 'stage', stage: parent.index } : { kind: 'image', image: base };
  return {
    index: earlier.length,
    ...(name ? { name } : {}),
    from: range,
    base,
    baseRange: args[0] ? args[0].range : { start: range.end, end: range.end },
    baseKind,
    healthchecks: [],
    runs: [],
    copies: [],
    setsShell: false,
    range,
  };
}

function readCopy(copy: Instruction, text: string, escape: Escape, positions: Positions): CopyFrom | undefined {
  const reader = new ArgumentReader(copy, text, escape, positions);
  const from = reader.flags().find((f) => f.name === 'from')?.value;
  if (!from) return undefined;
  // line_parsers.go parseMaybeJSONToList: a JSON array of strings, else the words; the last is the destination.
  const rest = reader.rest();
  const json = rest.startsWith('[') ? readCommand(rest, reader.at, reader.line) : undefined;
  const args = json?.form === 'exec' ? json.items.map((w) => w.text) : reader.words().map((w) => w.text);
  return { range: reader.range, from: from.toLowerCase(), sources: args.slice(0, -1) };
}

function readRun(run: Instruction, text: string, escape: Escape, positions: Positions): RunInstruction {
  const range = positions.range(run.getRange());
  const args = positions.range(run.getInstructionRange()).end;
  // Continuations joined as BuildKit does; heredoc bodies (RUN <<EOF) are part of the range and kept as lines.
  return { range, script: text.slice(args, range.end).replace(CONTINUATION[escape], ' ') };
}

function readHealthcheck(instruction: Instruction, text: string, escape: Escape, positions: Positions): HealthcheckInstruction {
  const reader = new ArgumentReader(instruction, text, escape, positions);
  const flags = reader.flags();
  // line_parsers.go parseHealthConfig: the type is the first word, the command all that follows it.
  const type = reader.word();
  const rest = reader.rest();
  const command = rest === '' ? undefined : readCommand(rest, reader.at, reader.line);
  return { range: reader.range, keyword: reader.keyword, flags, ...(type ? { type, typeName: type.text.toUpperCase() } : {}), ...(command ? { command } : {}) };
}

/**
 * An instruction's arguments read the way BuildKit reads them, left to right over its logical line:
 * the leading flags, then words or the rest of the line. Blanks and words are what /\s/ and /\S/ call so.
 */
class ArgumentReader {
  readonly range: Range;
  /** The keyword (`HEALTHCHECK`, `FROM`…). */
  readonly keyword: Range;
  readonly line: LogicalLine;
  /** The logical offset read up to. */
  at = 0;

  constructor(instruction: Instruction, text: string, escape: Escape, positions: Positions) {
    this.range = positions.range(instruction.getRange());
    this.keyword = positions.range(instruction.getInstructionRange());
    this.line = logicalLine(text, this.keyword.end, this.range.end, escape);
  }

  /** parser.go extractBuilderFlags: words starting with `--` before anything else; a lone `--` ends them. */
  flags(): HealthcheckFlag[] {
    const flags: HealthcheckFlag[] = [];
    const line = this.line;
    for (;;) {
      this.skipBlanks();
      if (!line.text.startsWith('--', this.at)) return flags;
      const start = this.at;
      this.skipWord();
      const end = this.at;
      const word = line.text.slice(start, end);
      if (word === '--') return flags;
      const eq = word.indexOf('=');
      const nameEnd = eq < 0 ? end : start + eq;
      flags.push({
        name: stripQuotes(line.text.slice(start + 2, nameEnd)),
        nameRange: line.range(start, nameEnd),
        ...(eq < 0 ? {} : { value: stripQuotes(line.text.slice(nameEnd + 1, end)), valueRange: line.range(nameEnd + 1, end) }),
        range: line.range(start, end),
      });
    }
  }

  /** The next word, or undefined at the end of the line. */
  word(): Word | undefined {
    this.skipBlanks();
    const start = this.at;
    this.skipWord();
    return this.at > start ? { text: this.line.text.slice(start, this.at), range: this.line.range(start, this.at) } : undefined;
  }

  /** The words left (parser.go parseStringsWhitespaceDelimited). */
  words(): Word[] {
    const words: Word[] = [];
    for (let word = this.word(); word; word = this.word()) words.push(word);
    return words;
  }

  /** The rest of the line after blanks, without trailing blanks; `at` is where it starts. */
  rest(): string {
    this.skipBlanks();
    return this.line.text.slice(this.at).trimEnd();
  }

  private skipBlanks(): void {
    BLANKS.lastIndex = this.at;
    BLANKS.test(this.line.text);
    this.at = BLANKS.lastIndex;
  }

  private skipWord(): void {
    WORD.lastIndex = this.at;
    WORD.test(this.line.text);
    this.at = WORD.lastIndex;
  }
}

/** line_parsers.go parseMaybeJSON: a JSON array of strings is the exec form; anything else the shell form. */
function readCommand(rest: string, at: number, line: LogicalLine): HealthcheckCommand {
  const range = line.range(at, at + rest.length);
  if (!rest.startsWith('[')) return { form: 'shell', script: rest, range };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest);
  } catch (error) {
    return { form: 'shell', script: rest, range, jsonError: (error as Error).message };
  }
  if (!Array.isArray(parsed)) return { form: 'shell', script: rest, range, jsonError: 'not an array' };
  if (!parsed.every((item) => typeof item === 'string')) return { form: 'not-strings', range };
  // A valid array of strings: its string literals are its items, in order.
  const items: Word[] = [];
  STRING_LITERAL.lastIndex = 0;
  for (let match = STRING_LITERAL.exec(rest); match; match = STRING_LITERAL.exec(rest)) {
    const literal = match[0];
    items.push({ text: literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1), range: line.range(at + match.index, at + match.index + literal.length) });
  }
  return { form: 'exec', items, range };
}

type Escape = DockerfileModel['escape'];

/** A JSON string literal; used with exec in a loop (matchAll would copy the expression on every call). */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g;

/** Blanks and a word, read with `lastIndex` (sticky, so they never search ahead). */
const BLANKS = /\s*/y;
const WORD = /\S*/y;

/** Per escape character: an escape ending a physical line (joined away), and a line that continues. */
const CONTINUATION = { '\\': /\\[ \t]*\r?\n/g, '`': /`[ \t]*\r?\n/g } as const;
const CONTINUED = { '\\': /(?:^|[^\\])\\[ \t]*$/, '`': /(?:^|[^`])`[ \t]*$/ } as const;

function stripQuotes(word: string): string {
  return word.includes('"') || word.includes("'") ? word.replace(/["']/g, '') : word;
}

/** An instruction's arguments as one line, with the source offset of each of its characters. */
interface LogicalLine {
  text: string;
  /** The source range of logical characters [start, end). */
  range(start: number, end: number): Range;
}

/**
 * parser.go Parse: a line whose last non-blank character is the escape character (not itself escaped)
 * continues on the next; the escape and the line break are dropped, and comment lines and blank lines
 * inside the continuation are skipped (trimContinuationCharacter, isComment, isEmptyContinuationLine).
 */
function logicalLine(text: string, start: number, end: number, escape: Escape): LogicalLine {
  // The kept pieces of each physical line: logical offset `at` holds source offset `source`, `length` long.
  const pieces: Array<{ at: number; source: number; length: number }> = [];
  let out = '';
  const continued = CONTINUED[escape];
  let pos = start;
  let first = true;
  while (pos < end) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    const next = lineEnd + 1;
    if (!first && (/^\s*#/.test(line) || line.trim() === '')) {
      pos = next;
      continue;
    }
    first = false;
    const match = continued.exec(line);
    // The escape is the last non-blank character of a continued line: everything before it is kept.
    const keep = match ? line.trimEnd().length - 1 : line.length;
    pieces.push({ at: out.length, source: pos, length: keep });
    out += line.slice(0, keep);
    if (!match) break;
    pos = next;
  }
  const sourceOf = (offset: number): number => {
    let piece = pieces[0];
    for (const p of pieces) if (p.at <= offset) piece = p;
    return piece.source + Math.min(offset - piece.at, piece.length);
  };
  return {
    text: out,
    range: (s, en) => {
      if (pieces.length === 0 || out.length === 0) return { start, end: start };
      const from = sourceOf(Math.min(s, out.length - 1));
      const to = en <= s ? from : sourceOf(Math.min(en, out.length) - 1) + 1;
      return { start: from, end: to };
    },
  };
}

/** LSP positions (what dockerfile-ast gives) → offsets; lines end at \r\n, \n or \r, as its TextDocument reads them. */
class Positions {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    // A scan for the two line-break characters: a regular expression's match objects cost more here.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) this.starts.push(text.charCodeAt(i + 1) === 10 ? ++i + 1 : i + 1);
    }
  }

  offset(position: { line: number; character: number }): number {
    const lineStart = this.starts[Math.min(position.line, this.starts.length - 1)] ?? this.text.length;
    return Math.min(lineStart + position.character, this.text.length);
  }

  range(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Range {
    return { start: this.offset(range.start), end: this.offset(range.end) };
  }
}
