import { baseName, programIndex, simpleCommands, SHELLS } from '../lint/support/shell';
import type { HealthcheckInstruction, RunInstruction } from './model';

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

export function installedBy(run: RunInstruction): Installed[] {
  const found: Installed[] = [];
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

/** A program a HEALTHCHECK calls, with its offset in the instruction's script or its item. */
export interface CalledProgram {
  name: string;
  /** Source range of the word that names it. */
  range: { start: number; end: number };
}

/**
 * The programs a HEALTHCHECK runs: the exec form's program (or, for `sh -c`, the script's commands), the
 * shell form's commands. Ranges are found in the source by the word's text (a script's words do not map
 * offset for offset onto the source when it spans continuation lines).
 */
export function programsCalled(hc: HealthcheckInstruction, text: string): CalledProgram[] {
  const command = hc.command;
  if (!command || command.form === 'not-strings') return [];
  if (command.form === 'exec') {
    const [program, ...args] = command.items;
    if (!program) return [];
    if (SHELLS.has(baseName(program.text))) {
      const c = args.findIndex((a) => /^-[a-z]*c$/.test(a.text));
      const script = c >= 0 ? args[c + 1] : undefined;
      return script ? scriptPrograms(script.text, script.range, text) : [];
    }
    return [{ name: baseName(program.text), range: program.range }];
  }
  return scriptPrograms(command.script, command.range, text);
}

function scriptPrograms(script: string, range: { start: number; end: number }, text: string): CalledProgram[] {
  const found: CalledProgram[] = [];
  const source = text.slice(range.start, range.end);
  let from = 0;
  for (const command of simpleCommands(script)) {
    const word = command.words[programIndex(command.words)];
    if (!word) continue;
    const at = source.indexOf(word.text, from);
    const start = at >= 0 ? range.start + at : range.start;
    if (at >= 0) from = at + word.text.length;
    found.push({ name: baseName(word.text), range: { start, end: at >= 0 ? start + word.text.length : range.end } });
  }
  return found;
}
