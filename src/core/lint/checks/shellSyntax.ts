import { SHELLS, baseName } from '../support/shell';

/**
 * The check behind `cmd-shell-syntax` in both front ends (a compose `["CMD", …]` test and a Dockerfile
 * `HEALTHCHECK CMD [...]`): moby `daemon/health.go` execs the items directly, no shell, so `||`, `&&`,
 * pipes, redirections, `$(…)` and `$VAR` reach the program as literal arguments.
 */
const OPERATOR = /^(\|\||&&|\||;|&|\d?>>?|<|\d?>&\d|\d?>>?\/dev\/null)$/;
const SUBSTITUTION = /\$\(|`/;
const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
/** Flags after which an argument is code for an interpreter (`node -e`, `mongosh --eval`): not a shell. */
const CODE_FLAGS = /^(-c|-e|--eval|-r|--command|--execute|-Command)$/;

export interface ShellSyntaxHit {
  /** Index in the argv given (0 is the program). */
  index: number;
  kind: 'operator' | 'substitution' | 'variable';
  /** For `variable`: the name a shell would have expanded. */
  variable?: string;
}

/**
 * The first argument of `argv` (program first; undefined for an item whose value is unknown) that only
 * a shell would understand. `expands(name)` says whether a `$name` there was evidently meant to be
 * expanded: Compose leaves `$$NAME` as a literal `$NAME`, which is flagged only when the container sets
 * NAME; a Dockerfile never substitutes anything in HEALTHCHECK, so there every `$NAME` is flagged.
 * Nothing is reported when the program is a shell (its `-c` script is shell syntax on purpose) or has
 * whitespace (a whole command line in one item: `cmd-argv-spaces`).
 */
export function findShellSyntax(argv: readonly (string | undefined)[], expands: (name: string) => boolean): ShellSyntaxHit | undefined {
  const program = argv[0] ?? '';
  if (argv.length < 2 || SHELLS.has(baseName(program)) || /\s/.test(program)) return undefined;
  for (let i = 1; i < argv.length; i++) {
    const value = argv[i];
    if (value === undefined || CODE_FLAGS.test(argv[i - 1] ?? '')) continue;
    if (OPERATOR.test(value)) return { index: i, kind: 'operator' };
    if (SUBSTITUTION.test(value)) return { index: i, kind: 'substitution' };
    // Most items hold no `$`; matchAll would copy the expression for each of them.
    if (!value.includes('$')) continue;
    for (const match of value.matchAll(VARIABLE)) {
      if (expands(match[1])) return { index: i, kind: 'variable', variable: match[1] };
    }
  }
  return undefined;
}

/**
 * What happens to the argument, for the message: `"||" is passed to curl as a literal argument`.
 * `whyLiteral(name)` says why `$name` stays literal, in the front end's terms.
 */
export function describeShellSyntax(program: string, item: string, hit: ShellSyntaxHit, whyLiteral: (name: string) => string): string {
  if (hit.kind === 'operator') return `"${item}" is passed to ${program} as a literal argument`;
  if (hit.kind === 'variable') return `"${item}" is passed to ${program} literally: ${whyLiteral(hit.variable ?? '')}`;
  return `"${item}" is passed to ${program} literally, without $ expansion`;
}
