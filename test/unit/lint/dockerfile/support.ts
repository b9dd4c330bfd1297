import * as assert from 'node:assert/strict';
import { lintDockerfileText } from '../../../../src/core/lint/dockerfile';
import type { Finding, Severity } from '../../../../src/core/lint';
import { applyFix, rangeOf } from '../support';

/** Strips the common indentation of a template literal, so tests can write a Dockerfile indented with the code. */
export function dockerfile(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function findings(text: string, code: string): Finding[] {
  return lintDockerfileText(text).filter((f) => f.code === code);
}

/** Exactly one finding of `code`, with this severity, covering exactly `snippet`. */
export function expectOne(text: string, code: string, severity: Severity, snippet: string, occurrence = 0): Finding {
  const found = findings(text, code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(found, null, 1)}`);
  assert.equal(found[0].severity, severity);
  assert.deepEqual(found[0].range, rangeOf(text, snippet, occurrence));
  return found[0];
}

export function expectNone(text: string, code: string): void {
  assert.deepEqual(findings(text, code), [], `expected no ${code}`);
}

/** Applies the finding's preferred fix, checks the new text, and that the finding is gone afterwards. */
export function expectFix(text: string, finding: Finding, expected: string): void {
  const fix = finding.fixes?.find((f) => f.preferred) ?? finding.fixes?.[0];
  assert.ok(fix, `${finding.code} offers no fix`);
  const fixed = applyFix(text, fix);
  assert.equal(fixed, expected);
  assert.deepEqual(findings(fixed, finding.code), [], `${finding.code} is still reported after its fix`);
}
