import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne, findings, yaml } from '../support';

describe('rule healthcheck-unknown-key', () => {
  it('reports start-period and renames it to start_period', () => {
    const text = yaml`
      services:
        web:
          healthcheck:
            test: ["CMD", "true"]
            start-period: 30s
    `;
    const finding = expectOne(text, 'healthcheck-unknown-key', 'error', 'start-period');
    assert.match(finding.message, /start_period/);
    expectFix(text, finding, text.replace('start-period', 'start_period'));
  });
  it('suggests retries for retry and start_period for startPeriod', () => {
    expectFix('services:\n  a:\n    healthcheck:\n      retry: 3\n', expectOne('services:\n  a:\n    healthcheck:\n      retry: 3\n', 'healthcheck-unknown-key', 'error', 'retry'), 'services:\n  a:\n    healthcheck:\n      retries: 3\n');
    const camel = 'services:\n  a:\n    healthcheck:\n      startPeriod: 5s\n';
    expectFix(camel, expectOne(camel, 'healthcheck-unknown-key', 'error', 'startPeriod'), camel.replace('startPeriod', 'start_period'));
  });
  it('reports a key far from any known one without a fix', () => {
    const finding = expectOne('services:\n  a:\n    healthcheck:\n      command: x\n', 'healthcheck-unknown-key', 'error', 'command');
    assert.equal(finding.fixes, undefined);
  });
  it('accepts every known key and x- extensions', () => {
    const text = yaml`
      services:
        web:
          healthcheck:
            test: ["CMD", "true"]
            interval: 5s
            timeout: 2s
            start_period: 10s
            start_interval: 1s
            retries: 3
            disable: false
            x-note: fine
    `;
    expectNone(text, 'healthcheck-unknown-key');
  });
  it('reports a misspelt key in an anchored block where it is written and where it is used', () => {
    const text = yaml`
      x-hc: &hc
        test: ["CMD", "true"]
        retry: 3
      services:
        web:
          healthcheck: *hc
    `;
    const found = findings(text, 'healthcheck-unknown-key');
    assert.equal(found.length, 2);
    assert.deepEqual(found.map((f) => text.slice(f.range.start, f.range.end)), ['retry', '*hc']);
    assert.match(found[1].message, /anchor &hc \(line 1\)/);
  });
});
