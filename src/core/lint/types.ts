import type { LoadOptions } from '../compose/model';
import type { Range } from '../compose/range';

export type Severity = 'error' | 'warning' | 'info';

/** One text replacement; offsets are in the linted document. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix computed by the core, so the editor, the CLI and tests share it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one obvious fix (VS Code's `isPreferred`). */
  preferred?: boolean;
}

export interface Finding {
  /** Stable rule code, e.g. `cmd-shell-syntax`; documented in docs/rules.md#<code>. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}

/** `fileName`, `env`, `readFile` (for `.env`, base and `extends` files) and `limits`, as for the model. */
export type LintOptions = LoadOptions;
