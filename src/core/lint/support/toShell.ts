import type { TestForm } from './testForm';
import { flowList, fix, replace, shellJoin, writtenRange } from './edits';
import type { Fix } from '../types';

/**
 * A fix that rewrites a list test as `["CMD-SHELL", "<items joined>"]`, keeping the items' YAML text (so
 * `$$VAR` still reaches the container's shell as `$VAR`). `from` is the index of the command item.
 */
export function toShellFix(form: Extract<TestForm, { kind: 'list' }>, text: string, from: number, title: string): Fix | undefined {
  const items = form.items.slice(from);
  if (items.some((item) => item.raw === undefined)) return undefined;
  const command = shellJoin(items.map((item) => item.raw as string));
  return fix(title, [replace(writtenRange(text, form.node), flowList(['CMD-SHELL', command]))]);
}
