import { baseName, programIndex } from '../lint/support/shell';
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

/**
 * `<manager> <install verb>` and the words up to the end of that command (an operator, `;` or a line
 * break). A regular expression rather than the shell reader: every RUN of the file is read, and most
 * hold no install at all.
 */
const INSTALL_COMMAND = /\b(?:apk\s+(?:--?[\w-]+(?:=\S+)?\s+)*add|apt-get\s+(?:--?[\w-]+(?:=\S+)?\s+)*install|apt\s+(?:--?[\w-]+(?:=\S+)?\s+)*install|yum\s+(?:--?[\w-]+(?:=\S+)?\s+)*install|dnf\s+(?:--?[\w-]+(?:=\S+)?\s+)*install|microdnf\s+(?:--?[\w-]+(?:=\S+)?\s+)*install|zypper\s+(?:--?[\w-]+(?:=\S+)?\s+)*(?:install|in))\b([^;&|\n]*)/g;

/** The managers' names, looked for first: most RUNs name none, and a plain search costs less than the expression. */
const MANAGERS = ['apk', 'apt', 'yum', 'dnf', 'zypper'];

function readInstalls(run: RunInstruction): Installed[] {
  const found: Installed[] = [];
  if (!MANAGERS.some((m) => run.script.includes(m))) return found;
  // exec in a loop rather than matchAll, which copies the expression on every call.
  INSTALL_COMMAND.lastIndex = 0;
  for (let match = INSTALL_COMMAND.exec(run.script); match; match = INSTALL_COMMAND.exec(run.script)) {
    for (const word of match[1].split(/\s+/)) {
      if (word === '' || word.startsWith('-') || word.includes('$')) continue;
      // `curl=8.5.0-r0` (apk, apt): the version after `=` is dropped; quotes around a name too.
      const name = word.replace(/["']/g, '').split('=')[0].toLowerCase();
      if (name) found.push({ program: PROGRAM_OF_PACKAGE[name] ?? name, package: word });
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
