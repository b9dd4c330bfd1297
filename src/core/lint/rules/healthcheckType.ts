import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Entry } from '../../compose/yamlIndex';
import { parseComposeBool } from '../../compose/spec';
import { DURATION_KEYS } from '../support/durations';
import { healthcheckPath } from '../support/paths';
import { originOf } from '../support/scripts';
import type { Rule, RuleContext } from '../rule';

/** compose-spec schema types for `healthcheck` and its keys (durations: strings; retries: number; disable: boolean). */
export const healthcheckType: Rule = {
  code: 'healthcheck-type',
  severity: 'error',
  checkHealthcheck(hc, service, ctx) {
    const bad = (entry: Entry, at: Node, what: string) => {
      // `key: !reset null` removes an inherited value (compose-go loader/reset.go): not a wrong type.
      if (entry.reset) return;
      ctx.report({ at, origin: originOf(entry), message: `Compose rejects the file: ${healthcheckPath(service, entry.key)} ${what}.` });
    };
    if (!hc.map) {
      if (hc.entry.value !== null && !(isScalar(hc.entry.value) && hc.entry.value.value === null)) {
        ctx.report({ at: hc.entry.value, origin: originOf(hc.entry), message: `Compose rejects the file: ${healthcheckPath(service)} must be a mapping (test, interval, timeout, …).` });
      }
      return;
    }
    const test = hc.entries.get('test');
    if (test) checkTest(test, bad, ctx);
    for (const key of DURATION_KEYS) {
      const entry = hc.entries.get(key);
      if (!entry) continue;
      const node = entry.value;
      // Numbers are reported by duration-missing-unit (with a fix); everything else that is not a string here.
      if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
        bad(entry, node ?? entry.keyNode, 'must be a string with a unit, such as "30s"');
      }
    }
    const retries = hc.entries.get('retries');
    if (retries) {
      const node = retries.value;
      const value = isScalar(node) ? node.value : undefined;
      const known = typeof value === 'string' ? ctx.analysis.interpolate(node) : undefined;
      const ok =
        (typeof value === 'number' && Number.isInteger(value)) ||
        (typeof value === 'string' && (known?.error || (known?.unresolved.length ?? 0) > 0 || /^\s*[+-]?\d+\s*$/.test(known?.value ?? '')));
      if (!ok) bad(retries, node ?? retries.keyNode, 'must be a whole number, such as 3');
    }
    const disable = hc.entries.get('disable');
    if (disable) {
      const node = disable.value;
      const value = isScalar(node) ? node.value : undefined;
      const known = typeof value === 'string' ? ctx.analysis.interpolate(node) : undefined;
      const unknown = known && (known.error || known.unresolved.length > 0);
      if (typeof value !== 'boolean' && !unknown && parseComposeBool(known?.value) === undefined) {
        bad(disable, node ?? disable.keyNode, 'must be true or false (invalid boolean)');
      }
    }
  },
};

function checkTest(test: Entry, bad: (entry: Entry, at: Node, what: string) => void, ctx: RuleContext): void {
  const node = test.value;
  if (isScalar(node) && typeof node.value === 'string') return;
  if (isSeq(node)) {
    for (const item of node.items) {
      const resolved = ctx.analysis.index?.deref(item);
      if (!isScalar(resolved) || typeof resolved.value !== 'string') {
        bad(test, (resolved ?? node) as Node, 'items must be strings (quote numbers: "5")');
        return;
      }
    }
    return;
  }
  if (isMap(node) || isScalar(node)) bad(test, node, 'must be a string or a list of strings');
}
