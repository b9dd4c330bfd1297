import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne, yaml } from '../support';

describe('rule duration-missing-unit', () => {
  it('reports a YAML number and adds the unit', () => {
    const text = yaml`
      services:
        web:
          healthcheck:
            test: ["CMD", "true"]
            interval: 30
    `;
    const finding = expectOne(text, 'duration-missing-unit', 'error', '30');
    assert.match(finding.message, /must be a string/);
    expectFix(text, finding, text.replace('interval: 30', 'interval: 30s'));
  });
  it('reports a quoted number with Go\'s message and adds the unit inside the quotes', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      timeout: "90"\n';
    const finding = expectOne(text, 'duration-missing-unit', 'error', '"90"');
    assert.match(finding.message, /time: missing unit in duration "90"/);
    expectFix(text, finding, text.replace('"90"', '"90s"'));
  });
  it('checks an interpolated value once its variable is known', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      interval: ${EVERY}\n';
    expectOne(text, 'duration-missing-unit', 'error', '${EVERY}', { env: { EVERY: '10' } });
    expectNone(text, 'duration-missing-unit');
  });
  it('accepts durations with units', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      interval: 1m30s\n      timeout: "0"\n', 'duration-missing-unit');
  });
});
