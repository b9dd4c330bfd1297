import type { Range } from '../compose/range';
import { SHELLS, baseName, simpleCommands, type SimpleCommand } from '../lint/support/shell';
import type { HealthcheckInstruction } from './model';

/** The shell script a HEALTHCHECK runs: the shell form's text, or the script of an exec-form `sh -c`. */
export interface HealthcheckScript {
  text: string;
  /** Where it is written: the shell form's command, or the JSON string item holding the script. */
  range: Range;
  /** True for the shell form, whose source is the script as written (edits can be made in it). */
  shellForm: boolean;
  /** Its simple commands (support/shell.ts), read once and shared by the rules. */
  commands: SimpleCommand[];
}

const scripts = new WeakMap<HealthcheckInstruction, HealthcheckScript | null>();

export function healthcheckScript(hc: HealthcheckInstruction): HealthcheckScript | undefined {
  let found = scripts.get(hc);
  if (found === undefined) scripts.set(hc, (found = readScript(hc) ?? null));
  return found ?? undefined;
}

function readScript(hc: HealthcheckInstruction): HealthcheckScript | undefined {
  const command = hc.command;
  if (!command || command.form === 'not-strings') return undefined;
  if (command.form === 'shell') return { text: command.script, range: command.range, shellForm: true, commands: simpleCommands(command.script) };
  const [program, ...args] = command.items;
  if (!program || !SHELLS.has(baseName(program.text))) return undefined;
  const c = args.findIndex((a) => /^-[a-z]*c$/.test(a.text));
  const script = c >= 0 ? args[c + 1] : undefined;
  return script ? { text: script.text, range: script.range, shellForm: false, commands: simpleCommands(script.text) } : undefined;
}
