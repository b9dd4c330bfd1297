import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import { lintText, type Finding } from '../../../src/core/lint';
import { seededRandom } from '../fuzz/mutations';

function checkedSafely(text: string): Finding[] {
  const findings = lintText(text);
  for (const f of findings) {
    assert.notEqual(f.code, 'internal-error', f.message);
    assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, `${f.code} range outside the document`);
  }
  const model = loadCompose(text);
  for (const s of model.services) assert.ok(s.keyRange.end <= text.length);
  return findings;
}

describe('bad input never throws and stays inside the document', () => {
  it('a 5 MB file is not parsed; a check-limit finding says so', () => {
    const service = '  svc:\n    image: busybox\n    healthcheck:\n      test: ["CMD", "true"]\n';
    const text = `services:\n${service.repeat(Math.ceil(5e6 / service.length))}`;
    assert.ok(text.length >= 5e6);
    const findings = checkedSafely(text);
    assert.deepEqual(findings.map((f) => f.code), ['check-limit']);
    assert.match(findings[0].message, /not checked/);
  });

  it('a billion-laughs alias bomb is not expanded', () => {
    const lines = ['x0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) lines.push(`x${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push('services:', '  web:', '    image: busybox', '    healthcheck:', '      test: *a9', '    environment: *a9');
    const findings = checkedSafely(lines.join('\n'));
    assert.ok(findings.some((f) => f.code === 'healthcheck-type'), 'the aliased list of lists is reported as a wrong test type');
  });

  it('a merge-key bomb is resolved once per anchor; past the alias limit a check-limit finding says so', () => {
    const lines = ['x0: &a0 {test: [CMD, "true"]}'];
    for (let i = 1; i < 12; i++) lines.push(`x${i}: &a${i} {<<: [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]}`);
    lines.push('services:');
    for (let s = 0; s < 1200; s++) lines.push(`  s${s}:`, '    healthcheck:', '      <<: *a11');
    const text = lines.join('\n');
    assert.deepEqual(checkedSafely(text).filter((f) => f.code === 'check-limit'), [], 'memoised merges stay under the default limit');
    const limited = lintText(text, { limits: { maxAliasResolutions: 1000 } });
    assert.ok(limited.some((f) => f.code === 'check-limit' && /alias/.test(f.message)));
  });

  it('binary garbage', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 20; n++) {
      const text = Array.from({ length: 4000 }, () => String.fromCharCode(Math.floor(random() * 65536))).join('');
      checkedSafely(text);
    }
  });

  it('deep nesting', () => {
    checkedSafely('['.repeat(20000));
    checkedSafely(`services:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')}\n`);
  });

  it('wrong types anywhere', () => {
    const text = [
      'services:',
      '  a:',
      '    healthcheck: {test: {x: 1}, interval: [1], timeout: {}, retries: {}, disable: [], start_period: null}',
      '    depends_on: 5',
      '    environment: 7',
      '    extends: [1]',
      '  b:',
      '    healthcheck: [1, 2]',
      '    depends_on: {a: [1], 3: {condition: [x]}}',
      '  c: ~',
      '  7: {healthcheck: {test: [[CMD]], retries: 1.5}}',
      'include: 4',
    ].join('\n');
    const findings = checkedSafely(text);
    assert.ok(findings.filter((f) => f.code === 'healthcheck-type').length >= 5, JSON.stringify(findings.map((f) => f.code)));
  });

  it('a YAML file that is not a compose file', () => {
    checkedSafely('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: []\n');
    checkedSafely('%YAML 1.2\n---\n!!binary aGVsbG8=\n...\n---\nsecond: doc\n');
  });

  it('thousands of syntax errors are cut at the finding limit', () => {
    const findings = checkedSafely('services:\n' + '  - a: b\n   c: [\n'.repeat(3000));
    assert.ok(findings.length <= 201);
  });
});
