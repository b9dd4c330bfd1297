import * as assert from 'node:assert/strict';
import { expectNone, expectOne } from '../support';

describe('rule test-no-command', () => {
  it('reports ["CMD"], whose first probe crashes Engine 20.10', () => {
    const finding = expectOne('services:\n  web:\n    healthcheck:\n      test: ["CMD"]\n', 'test-no-command', 'error', '["CMD"]');
    assert.match(finding.message, /crashes Docker Engine 20\.10/);
  });
  it('reports CMD-SHELL with an empty command, which always fails', () => {
    const finding = expectOne('services:\n  web:\n    healthcheck:\n      test: [CMD-SHELL, ""]\n', 'test-no-command', 'error', '[CMD-SHELL, ""]');
    assert.match(finding.message, /never becomes healthy/);
  });
  it('accepts a command, and a command from an unknown variable', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      test: [CMD, "true"]\n  db:\n    healthcheck:\n      test: [CMD-SHELL, "${CHECK}"]\n', 'test-no-command');
  });
});
