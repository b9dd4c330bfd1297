import * as assert from 'node:assert/strict';
import { expectNone, expectOne } from '../support';

describe('rule duration-invalid', () => {
  it('reports an unknown unit with str2duration\'s message', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      interval: 10x\n';
    const finding = expectOne(text, 'duration-invalid', 'error', '10x');
    assert.match(finding.message, /unknown unit "x" in duration "10x"/);
  });
  it('reports text that is no duration at all', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      timeout: soon\n', 'duration-invalid', 'error', 'soon');
  });
  it('leaves unit-less numbers to duration-missing-unit and accepts d/w units', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      timeout: "90"\n      interval: 1d\n      start_period: 1w\n', 'duration-invalid');
  });
});
