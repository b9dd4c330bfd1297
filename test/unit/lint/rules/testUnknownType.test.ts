import { expectFix, expectNone, expectOne } from '../support';

describe('rule test-unknown-type', () => {
  it('reports a lower-case cmd and fixes the case', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: ["cmd", "true"]\n';
    expectFix(text, expectOne(text, 'test-unknown-type', 'error', '"cmd"'), text.replace('"cmd"', '"CMD"'));
  });
  it('reports CMD_SHELL and fixes it to CMD-SHELL, keeping the quoting style', () => {
    const text = "services:\n  web:\n    healthcheck:\n      test: ['CMD_SHELL', 'true']\n";
    expectFix(text, expectOne(text, 'test-unknown-type', 'error', "'CMD_SHELL'"), text.replace("'CMD_SHELL'", "'CMD-SHELL'"));
  });
  it('reports an upper-case word that is no type, without a fix', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      test: [EXEC, "true"]\n', 'test-unknown-type', 'error', 'EXEC');
  });
  it('accepts CMD, CMD-SHELL and NONE, and leaves a program name to test-missing-type', () => {
    expectNone('services:\n  a:\n    healthcheck:\n      test: [CMD, "true"]\n  b:\n    healthcheck:\n      test: [NONE]\n  c:\n    healthcheck:\n      test: [curl, x]\n', 'test-unknown-type');
  });
});
