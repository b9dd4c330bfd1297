import { baseName, programIndex, simpleCommands } from '../lint/support/shell';
import type { HealthcheckInstruction, RunInstruction } from './model';
import { healthcheckScript } from './scripts';

/**
 * Which probe programs a RUN instruction installs with a package manager (`apk add curl`, `apt-get
 * install -y wget`, `yum`/`dnf`/`microdnf install`, `zypper install`), read from its script without
 * running anything. A package installs the program of its own name, or the one below.
 */
const PROGRAM_OF_PACKAGE: Record<string, string> = {
  'netcat-openbsd': 'nc',
  'netcat-traditional': 'nc',
  netcat: 'nc',
  'nmap-ncat': 'nc',
  'postgresql-client': 'pg_isready',
  'redis-tools': 'redis-cli',
  'mysql-client': 'mysqladmin',
  'mariadb-client': 'mysqladmin',
  'procps': 'pgrep',
  'procps-ng': 'pgrep',
};

/** Package-manager commands and the subcommand that installs (`apk add`, `apt-get install`). */
const INSTALL = new Map<string, readonly string[]>([
  ['apk', ['add']],
  ['apt-get', ['install']],
  ['apt', ['install']],
  ['yum', ['install']],
  ['dnf', ['install']],
  ['microdnf', ['install']],
  ['zypper', ['install', 'in']],
]);

export interface Installed {
  program: string;
  /** The package name as written (`curl`, `curl=8.5.0-r0`). */
  package: string;
}

const installs = new WeakMap<RunInstruction, Installed[]>();

/** What a RUN instruction installs, read once per parse (every HEALTHCHECK of the file asks about every RUN). */
export function installedBy(run: RunInstruction): Installed[] {
  let found = installs.get(run);
  if (!found) installs.set(run, (found = readInstalls(run)));
  return found;
}

/** A package manager's name somewhere in the script: most RUNs have none and need no reading. */
const MAY_INSTALL = /\b(apk|apt-get|apt|yum|dnf|microdnf|zypper)\b/;

function readInstalls(run: RunInstruction): Installed[] {
  const found: Installed[] = [];
  if (!MAY_INSTALL.test(run.script)) return found;
  for (const command of simpleCommands(run.script)) {
    const words = command.words.map((w) => w.text);
    const p = programIndex(command.words);
    const subcommands = INSTALL.get(baseName(words[p] ?? ''));
    if (!subcommands) continue;
    const verb = words.findIndex((w, i) => i > p && !w.startsWith('-'));
    if (verb < 0 || !subcommands.includes(words[verb])) continue;
    for (const word of words.slice(verb + 1)) {
      if (word.startsWith('-') || word.includes('$')) continue;
      // `curl=8.5.0-r0` (apk, apt), `curl-7.76.1` is a name too; the version after `=` is dropped.
      const name = word.split('=')[0].toLowerCase();
      found.push({ program: PROGRAM_OF_PACKAGE[name] ?? name, package: word });
    }
  }
  return found;
}

/** A program a HEALTHCHECK calls, with the source range of the word that names it. */
export interface CalledProgram {
  name: string;
  range: { start: number; end: number };
}

/**
 * The programs a HEALTHCHECK runs: the exec form's program, or the commands of its script (shell form,
 * `sh -c`). A script's words are found in the source by their text (they do not map offset for offset
 * onto the source when the script spans continuation lines).
 */
export function programsCalled(hc: HealthcheckInstruction, text: string): CalledProgram[] {
  const script = healthcheckScript(hc);
  if (script) {
    const found: CalledProgram[] = [];
    const source = text.slice(script.range.start, script.range.end);
    let from = 0;
    for (const command of script.commands) {
      const word = command.words[programIndex(command.words)];
      if (!word) continue;
      const at = source.indexOf(word.text, from);
      const start = at >= 0 ? script.range.start + at : script.range.start;
      if (at >= 0) from = at + word.text.length;
      found.push({ name: baseName(word.text), range: { start, end: at >= 0 ? start + word.text.length : script.range.end } });
    }
    return found;
  }
  const command = hc.command;
  const program = command?.form === 'exec' ? command.items[0] : undefined;
  return program ? [{ name: baseName(program.text), range: program.range }] : [];
}
