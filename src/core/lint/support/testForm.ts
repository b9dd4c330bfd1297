import { isScalar, isSeq, type Node, type Scalar, type YAMLSeq } from 'yaml';
import type { ComposeAnalysis, HealthcheckView } from '../../compose/analyze';
import { interpolate } from '../../compose/interpolate';
import type { Entry } from '../../compose/yamlIndex';

export interface TestItem {
  node: Node | null;
  /** The YAML string (before Compose interpolation); undefined for a non-string item. */
  raw?: string;
  /** After interpolation (an unknown variable reads as empty). */
  value?: string;
  /** False when the value uses a variable that is not set here, so its real value is unknown. */
  known?: boolean;
}

/** The `test:` of a healthcheck in the shape the rules need. */
export type TestForm =
  | { kind: 'string'; entry: Entry; node: Scalar; raw: string; value: string; known: boolean }
  | { kind: 'list'; entry: Entry; node: YAMLSeq; items: TestItem[] }
  | { kind: 'other'; entry: Entry; node: Node | null };

export { TEST_TYPES } from './testTypes';

const forms = new WeakMap<HealthcheckView, TestForm | undefined>();

/** The test of a healthcheck, read once and shared by every rule that looks at it. */
export function testFormOf(hc: HealthcheckView, analysis: ComposeAnalysis): TestForm | undefined {
  if (!forms.has(hc)) forms.set(hc, readTestForm(hc, analysis));
  return forms.get(hc);
}

function readTestForm(hc: HealthcheckView, analysis: ComposeAnalysis): TestForm | undefined {
  const entry = hc.entries.get('test');
  if (!entry) return undefined;
  const node = entry.value;
  if (isScalar(node) && typeof node.value === 'string') {
    const parsed = interpolate(node.value, analysis.lookup);
    return { kind: 'string', entry, node, raw: node.value, value: parsed.value, known: parsed.unresolved.length === 0 };
  }
  if (isSeq(node)) {
    const items = node.items.map((item): TestItem => {
      const resolved = analysis.index?.deref(item) ?? null;
      if (isScalar(resolved) && typeof resolved.value === 'string') {
        const parsed = interpolate(resolved.value, analysis.lookup);
        return { node: resolved, raw: resolved.value, value: parsed.value, known: parsed.unresolved.length === 0 };
      }
      return { node: resolved };
    });
    return { kind: 'list', entry, node, items };
  }
  return { kind: 'other', entry, node };
}

/** The first item of a list test when it is a string (`CMD`, `CMD-SHELL`, `NONE`, or something else). */
export function testType(form: TestForm | undefined): string | undefined {
  return form?.kind === 'list' ? form.items[0]?.raw : undefined;
}
