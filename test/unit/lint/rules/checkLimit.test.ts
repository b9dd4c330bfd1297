import * as assert from 'node:assert/strict';
import { lintText } from '../../../../src/core/lint';

describe('rule check-limit', () => {
  it('says so when a file is above the size limit, instead of checking it', () => {
    const text = `services:\n  web:\n    healthcheck:\n      test: NONE\n${'# padding\n'.repeat(200)}`;
    const found = lintText(text, { limits: { maxChars: 1000 } });
    assert.deepEqual(found.map((f) => [f.code, f.severity]), [['check-limit', 'warning']]);
    assert.match(found[0].message, /not checked/);
  });
  it('says so when an alias bomb reaches the alias limit', () => {
    const lines = ['x0: &a0 {test: [CMD, "true"]}'];
    for (let i = 1; i < 10; i++) lines.push(`x${i}: &a${i} {<<: [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]}`);
    lines.push('services:', '  web:', '    image: busybox', '    healthcheck:', '      <<: *a9');
    const found = lintText(lines.join('\n'), { limits: { maxAliasResolutions: 5 } });
    assert.ok(found.some((f) => f.code === 'check-limit'), JSON.stringify(found));
  });
  it('stays quiet on an ordinary file', () => {
    assert.deepEqual(lintText('services:\n  web:\n    image: nginx\n').filter((f) => f.code === 'check-limit'), []);
  });
  it('cuts the list when a file yields more findings than the limit', () => {
    const text = `services:\n${Array.from({ length: 30 }, (_, i) => `  s${i}:\n    healthcheck:\n      test: NONE\n`).join('')}`;
    const found = lintText(text, { limits: { maxFindings: 10 } });
    assert.equal(found.length, 11);
    assert.equal(found.filter((f) => f.code === 'check-limit').length, 1);
  });
});
