import * as assert from 'node:assert/strict';
import { describeDrift, healthcheckDrift } from '../../../src/core/probe/drift';

describe('drift between the running container and the file', () => {
  it('unset values equal the defaults, and retries 0 means 3', () => {
    assert.deepEqual(healthcheckDrift({ test: ['CMD', 'true'], retries: 0 }, { test: ['CMD', 'true'], intervalNs: 30e9, retries: 3 }, undefined, '1.41'), []);
  });

  it('an edited test and interval are reported with both values', () => {
    const drift = healthcheckDrift({ test: ['CMD-SHELL', 'exit 0'], intervalNs: 5e9 }, { test: ['CMD', 'true'] }, undefined, '1.41');
    assert.equal(describeDrift(drift), 'test ["CMD","true"] → ["CMD-SHELL","exit 0"]; interval 30s → 5s');
  });

  it("a block without test compares against the image's test (the engine merged it into the container)", () => {
    const image = { test: ['CMD', 'pg_isready'] };
    assert.deepEqual(healthcheckDrift({ intervalNs: 5e9 }, { test: ['CMD', 'pg_isready'], intervalNs: 5e9 }, image, '1.41'), []);
  });

  it('start_interval only counts where the engine stores it (API ≥ 1.44)', () => {
    const file = { test: ['CMD', 'true'], startPeriodNs: 10e9, startIntervalNs: 1e9 };
    const old = { test: ['CMD', 'true'], startPeriodNs: 10e9 };
    assert.deepEqual(healthcheckDrift(file, old, undefined, '1.41'), []);
    assert.deepEqual(
      healthcheckDrift(file, old, undefined, '1.44').map((d) => d.field),
      ['start_interval'],
    );
  });

  it('disable: true against a container that still probes is drift', () => {
    assert.deepEqual(
      healthcheckDrift({ test: ['NONE'] }, { test: ['CMD', 'true'] }, undefined, '1.41').map((d) => d.field),
      ['test'],
    );
  });
});
