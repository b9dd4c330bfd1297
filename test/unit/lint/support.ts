import { loadCompose } from '../../../src/core/compose/load';
import { imageChecksOf } from '../../../src/core/dockerfile/imageCheck';
import { parseDockerfile } from '../../../src/core/dockerfile/parse';
import * as assert from 'node:assert/strict';
import type { Range } from '../../../src/core/compose/range';
import { lintText, type Finding, type Fix, type LintOptions, type Severity } from '../../../src/core/lint';

/** Strips the common indentation of a template literal, so tests can write YAML indented with the code. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function findings(text: string, code: string, options?: LintOptions): Finding[] {
  return lintText(text, options).filter((f) => f.code === code);
}

/** The range of the `occurrence`-th appearance of `snippet` in `text`. */
export function rangeOf(text: string, snippet: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(snippet, at + 1);
    assert.ok(at >= 0, `"${snippet}" (#${occurrence}) is not in the test text`);
  }
  return { start: at, end: at + snippet.length };
}

/** Exactly one finding of `code`, with this severity, covering exactly `snippet`. */
export function expectOne(text: string, code: string, severity: Severity, snippet: string, options: LintOptions & { occurrence?: number } = {}): Finding {
  const found = findings(text, code, options);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(found, null, 1)}`);
  assert.equal(found[0].severity, severity);
  assert.deepEqual(found[0].range, rangeOf(text, snippet, options.occurrence));
  return found[0];
}

export function expectNone(text: string, code: string, options?: LintOptions): void {
  const found = findings(text, code, options);
  assert.deepEqual(found, [], `expected no ${code}`);
}

export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.range.start) + edit.newText + out.slice(edit.range.end);
  return out;
}

/** Applies the finding's preferred fix, checks the new text, and that the finding is gone afterwards. */
export function expectFix(text: string, finding: Finding, expected: string, options?: LintOptions): void {
  const fix = finding.fixes?.find((f) => f.preferred) ?? finding.fixes?.[0];
  assert.ok(fix, `${finding.code} offers no fix`);
  const fixed = applyFix(text, fix);
  assert.equal(fixed, expected);
  assert.deepEqual(findings(fixed, finding.code, options), [], `${finding.code} is still reported after its fix`);
}

/**
 * Options for checking `text` as /p/compose.yaml in a project whose other files are `files` (absolute
 * paths under /p), with the image checks its Dockerfiles give, computed as the editor and the CLI do.
 */
export function withProjectFiles(text: string, files: Record<string, string>): LintOptions {
  const options: LintOptions = { fileName: '/p/compose.yaml', readFile: (p) => files[p] ?? { ok: false, reason: 'missing' } };
  return { ...options, imageChecks: imageChecksOf(loadCompose(text, options), options.readFile!, parseDockerfile) };
}
