import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne } from './support';

describe('Dockerfile dockerfile-escape-invalid', () => {
  it('flags an escape directive other than \\ or a backtick and writes \\', () => {
    const text = '# escape=x\nFROM alpine\n';
    const finding = expectOne(text, 'dockerfile-escape-invalid', 'error', 'x');
    assert.match(finding.message, /invalid escape token 'x' does not match/);
    expectFix(text, finding, '# escape=\\\nFROM alpine\n');
  });
  it('takes a backtick, and continues lines with it', () => {
    const text = '# escape=`\nFROM alpine\nHEALTHCHECK --interval=5s `\n  CMD ["curl", "||"]\n';
    expectNone(text, 'dockerfile-escape-invalid');
    expectOne(text, 'cmd-shell-syntax', 'warning', '"||"');
  });
});
