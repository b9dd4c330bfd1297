import { isScalar } from 'yaml';
import { parseComposeBool } from '../../compose/spec';
import { rangeOf } from '../../compose/yamlIndex';
import { fix, replace } from '../support/edits';
import { originOf } from '../support/scripts';
import type { Rule } from '../rule';

/** `disable: yes` / `on` / `no` / `off` (strings in YAML 1.2): Compose accepts them with a warning. */
export const disableNotBoolean: Rule = {
  code: 'disable-not-boolean',
  severity: 'warning',
  checkHealthcheck(hc, _service, ctx) {
    const entry = hc.entries.get('disable');
    const node = entry?.value;
    if (!entry || !isScalar(node) || typeof node.value !== 'string' || node.value.includes('$')) return;
    const value = parseComposeBool(node.value);
    if (value === undefined || node.value === String(value)) return;
    ctx.report({
      at: node,
      origin: originOf(entry),
      message: `\`disable: ${node.value}\` is a string, not a boolean: Compose reads it as ${value} with a warning, other tools may not. Write \`${value}\`.`,
      fixes: [fix(`Write ${value}`, [replace(rangeOf(node), String(value))])],
    });
  },
};
