import type { Scalar } from 'yaml';
import type { Entry } from '../../compose/yamlIndex';
import type { Origin } from '../rule';
import { SHELLS, baseName } from './shell';
import type { TestForm, TestItem } from './testForm';

/** A shell script the healthcheck runs: a string test, a CMD-SHELL command, or `CMD sh -c <script>`. */
export interface Script {
  /** After interpolation: what the shell in the container gets. */
  value: string;
  node: Scalar;
}

export function shellScriptsOf(form: TestForm | undefined): Script[] {
  if (!form) return [];
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
