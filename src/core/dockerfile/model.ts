import type { Range } from '../compose/range';

/**
 * A Dockerfile as the healthcheck rules, the hover and the effective-check lookup need it: its stages and,
 * in each, the instructions that decide what a HEALTHCHECK runs. Offsets are character offsets in `text`.
 * Built by `parseDockerfile` (parse.ts) from dockerfile-ast's instructions; HEALTHCHECK's arguments are
 * read the way BuildKit reads them (frontend/dockerfile/parser/line_parsers.go parseHealthConfig).
 */
export interface DockerfileModel {
  readonly text: string;
  /** The escape character in effect: `\` or a backtick (`# escape=` directive). */
  readonly escape: '\\' | '`';
  /** An `# escape=` directive BuildKit rejects (only `\` and a backtick are allowed). */
  readonly invalidEscape?: { value: string; range: Range };
  /** A second `# escape=` directive (BuildKit directives.go: "only one escape parser directive can be used"). */
  readonly repeatedEscape?: Range;
  readonly stages: readonly Stage[];
  /** Set when the text was not read as a Dockerfile at all (too large, not text): say why instead. */
  readonly refused?: { reason: 'too-large' | 'not-text'; message: string };
}

export interface Stage {
  /** 0-based position among the FROM instructions. */
  readonly index: number;
  /** `FROM … AS name`, lower-cased as BuildKit compares it; undefined without `AS`. */
  readonly name?: string;
  /** The whole FROM instruction. */
  readonly from: Range;
  /** The base as written (`alpine:3.20`, `scratch`, `build`, `${BASE}`). */
  readonly base: string;
  readonly baseRange: Range;
  /** What the stage starts from: `scratch`, an earlier stage of this file, or an image. */
  readonly baseKind: { kind: 'scratch' } | { kind: 'stage'; stage: number } | { kind: 'image'; image: string };
  readonly healthchecks: readonly HealthcheckInstruction[];
  /** RUN instructions, for what they install. */
  readonly runs: readonly RunInstruction[];
  /** `COPY --from=…` sources, for what they bring in from elsewhere. */
  readonly copies: readonly CopyFrom[];
  /** Whether a SHELL instruction sets the shell a shell-form HEALTHCHECK runs with. */
  readonly setsShell: boolean;
  /** From this stage's FROM to the end of its last instruction. */
  readonly range: Range;
}

export interface HealthcheckInstruction {
  /** The whole instruction, continuation lines included. */
  readonly range: Range;
  /** The `HEALTHCHECK` keyword. */
  readonly keyword: Range;
  /** The `--name[=value]` words before the type, in order. */
  readonly flags: readonly HealthcheckFlag[];
  /** The word after the flags (`CMD`, `NONE`, or something else); undefined when nothing follows. */
  readonly type?: Word;
  /** The type upper-cased, as BuildKit compares it (`cmd` is CMD); undefined when there is none. */
  readonly typeName?: string;
  /** What follows the type. */
  readonly command?: HealthcheckCommand;
}

export interface Word {
  /** As BuildKit reads it (continuation lines joined). */
  readonly text: string;
  readonly range: Range;
}

export interface HealthcheckFlag {
  /** Without the leading `--`. */
  readonly name: string;
  readonly nameRange: Range;
  /** The text after `=`; undefined when there is no `=` (BuildKit: "missing a value on flag"). */
  readonly value?: string;
  readonly valueRange?: Range;
  readonly range: Range;
}

/**
 * What follows the type. BuildKit (parseMaybeJSON) reads a JSON array of strings as the exec form; text
 * starting with `[` that is not valid JSON is the shell form, run by `/bin/sh -c` as written; a valid
 * JSON array with a non-string item is an error.
 */
export type HealthcheckCommand =
  | { readonly form: 'exec'; readonly items: readonly Word[]; readonly range: Range }
  | { readonly form: 'shell'; readonly script: string; readonly range: Range; readonly jsonError?: string }
  | { readonly form: 'not-strings'; readonly range: Range };

export interface RunInstruction {
  readonly range: Range;
  /** The command as the shell gets it: continuation lines joined, heredoc bodies included. */
  readonly script: string;
}

export interface CopyFrom {
  readonly range: Range;
  /** The `--from` value (a stage name or index, or an image). */
  readonly from: string;
  /** The source paths. */
  readonly sources: readonly string[];
}

/** The names BuildKit reads a HEALTHCHECK's flags by (parse.go parseHealthcheck). */
export const HEALTHCHECK_FLAGS = ['interval', 'timeout', 'start-period', 'start-interval', 'retries'] as const;
