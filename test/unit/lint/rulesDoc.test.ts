import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../src/core/lint';
import { DOCKERFILE_RULES } from '../../../src/core/lint/dockerfile';
import { ruleSectionLines } from '../../../src/core/lint/rulesDoc';

const root = path.resolve(__dirname, '../../../..');
const doc = readFileSync(path.join(root, 'docs/rules.md'), 'utf8');
const EXTRA_CODES = ['internal-error'];
/** Every code once: a Dockerfile rule shares its code (and section) with the compose rule for the same mistake. */
const ALL_CODES = [...new Set([...RULES, ...DOCKERFILE_RULES].map((r) => r.code))];

describe('docs/rules.md', () => {
  it('has one section per rule code, and no section for a code that does not exist', () => {
    const sections = [...doc.matchAll(/^## (\S+)$/gm)].map((m) => m[1]).sort();
    assert.deepEqual(sections, [...ALL_CODES, ...EXTRA_CODES].sort());
  });
  it('lists each rule with its severity in the summary table', () => {
    for (const rule of [...RULES, ...DOCKERFILE_RULES]) {
      assert.match(doc, new RegExp(`^\\| \\[${rule.code}\\]\\(#${rule.code}\\) \\| ${rule.severity} \\|`, 'm'), rule.code);
    }
  });
  it('has codes that are unique and a unit test file per rule', () => {
    assert.equal(new Set(RULES.map((r) => r.code)).size, RULES.length);
    for (const rule of RULES) {
      const camel = rule.code.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      assert.ok(existsSync(path.join(root, 'test/unit/lint/rules', `${camel}.test.ts`)), `no test file for ${rule.code}`);
      assert.ok(existsSync(path.join(root, 'src/core/lint/rules', `${camel}.ts`)), `no source file for ${rule.code}`);
    }
  });
  it('gives each Dockerfile rule a unique code, a source and a unit test file, and a shared code the compose rule\'s severity', () => {
    assert.equal(new Set(DOCKERFILE_RULES.map((r) => r.code)).size, DOCKERFILE_RULES.length);
    for (const rule of DOCKERFILE_RULES) {
      const camel = rule.code.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
      assert.ok(existsSync(path.join(root, 'test/unit/lint/dockerfile', `${camel}.test.ts`)), `no test file for ${rule.code}`);
      assert.ok(existsSync(path.join(root, 'src/core/lint/dockerfile/rules', `${camel}.ts`)), `no source file for ${rule.code}`);
      const compose = RULES.find((r) => r.code === rule.code);
      if (compose) assert.equal(rule.severity, compose.severity, rule.code);
    }
  });
  it('gives each code the line of its own heading, where a diagnostic\'s code link lands (#L<line>)', () => {
    const lines = ruleSectionLines(doc);
    const all = doc.split('\n');
    for (const code of [...ALL_CODES, ...EXTRA_CODES]) {
      const line = lines.get(code);
      assert.ok(line, code);
      assert.equal(all[line - 1], `## ${code}`);
    }
  });
});
