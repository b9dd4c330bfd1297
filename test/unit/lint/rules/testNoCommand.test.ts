import { expectNone, expectOne } from '../support';

describe('rule test-no-command', () => {
  it('warns that ["CMD"] never probes', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      test: ["CMD"]\n', 'test-no-command', 'warning', '["CMD"]');
  });
  it('warns about CMD-SHELL with an empty command', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      test: [CMD-SHELL, ""]\n', 'test-no-command', 'warning', '[CMD-SHELL, ""]');
  });
  it('accepts a command, and a command from an unknown variable', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      test: [CMD, "true"]\n  db:\n    healthcheck:\n      test: [CMD-SHELL, "${CHECK}"]\n', 'test-no-command');
  });
});
