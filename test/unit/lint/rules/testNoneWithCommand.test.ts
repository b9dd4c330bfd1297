import * as assert from 'node:assert/strict';
import { lintText } from '../../../../src/core/lint';
import { expectFix, expectNone, expectOne, yaml } from '../support';

describe('rule test-none-with-command', () => {
  it('warns that NONE turns the check off and the command after it never runs, and writes disable: true', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: ["NONE", "curl", "-f", "http://x"]\n      interval: 5s\n';
    const finding = expectOne(text, 'test-none-with-command', 'warning', '["NONE", "curl", "-f", "http://x"]');
    assert.match(finding.message, /"curl", "-f", "http:\/\/x"\) never runs/);
    expectFix(text, finding, 'services:\n  web:\n    healthcheck:\n      disable: true\n      interval: 5s\n');
  });
  it('is the only finding for that test (no other rule reads the ignored items)', () => {
    const text = 'services:\n  web:\n    image: x\n    healthcheck:\n      test: ["NONE", "curl http://x || exit 1"]\n';
    assert.deepEqual(lintText(text).map((f) => f.code), ['test-none-with-command']);
  });
  it('rewrites a block list as a whole, and offers no second disable key', () => {
    const block = yaml`
      services:
        web:
          healthcheck:
            test:
              - NONE
              - wget
            retries: 3
    `;
    const finding = expectOne(block, 'test-none-with-command', 'warning', '- NONE\n        - wget');
    expectFix(block, finding, 'services:\n  web:\n    healthcheck:\n      disable: true\n      retries: 3\n');
    const both = 'services:\n  web:\n    healthcheck:\n      test: ["NONE", "true"]\n      disable: true\n';
    assert.equal(expectOne(both, 'test-none-with-command', 'warning', '["NONE", "true"]').fixes, undefined);
  });
  it('accepts ["NONE"] alone and commands of the other types', () => {
    expectNone('services:\n  a:\n    healthcheck:\n      test: ["NONE"]\n  b:\n    healthcheck:\n      test: ["CMD", "NONE", "x"]\n', 'test-none-with-command');
  });
});
