import type { Scalar } from 'yaml';
import type { Entry } from '../../compose/yamlIndex';
import type { Origin } from '../rule';
import { SHELLS, baseName, simpleCommands, type SimpleCommand } from './shell';
import type { TestForm, TestItem } from './testForm';

/** A shell script the healthcheck runs: a string test, a CMD-SHELL command, or `CMD sh -c <script>`. */
export interface Script {
  /** After interpolation: what the shell in the container gets. */
  value: string;
  node: Scalar;
}

const scripts = new WeakMap<TestForm, Script[]>();
const commands = new WeakMap<Script, SimpleCommand[]>();

/** The shell scripts of a test, read once and shared by the rules that look into them. */
export function shellScriptsOf(form: TestForm | undefined): Script[] {
  if (!form) return [];
  let found = scripts.get(form);
  if (!found) scripts.set(form, (found = readScripts(form)));
  return found;
}

/** The simple commands of a script (see `simpleCommands`), tokenised once. */
export function commandsOf(script: Script): SimpleCommand[] {
  let found = commands.get(script);
  if (!found) commands.set(script, (found = simpleCommands(script.value)));
  return found;
}

function readScripts(form: TestForm): Script[] {
  if (form.kind === 'string') return [{ value: form.value, node: form.node }];
  if (form.kind !== 'list') return [];
  const [type, ...args] = form.items;
  if (type?.raw === 'CMD-SHELL') return scriptItem(args[0]);
  if (type?.raw === 'CMD' && args[0]?.value && SHELLS.has(baseName(args[0].value))) {
    const flag = args.findIndex((a, i) => i > 0 && /^-[a-z]*c$/.test(a.value ?? ''));
    if (flag > 0) return scriptItem(args[flag + 1]);
  }
  return [];
}

function scriptItem(item: TestItem | undefined): Script[] {
  return item?.value !== undefined ? [{ value: item.value, node: item.node as Scalar }] : [];
}

export function originOf(entry: Entry | undefined): Origin | undefined {
  return entry && (entry.via || entry.foreign) ? { via: entry.via, foreign: entry.foreign } : undefined;
}
