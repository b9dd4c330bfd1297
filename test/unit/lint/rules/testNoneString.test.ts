import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../../src/core/compose/load';
import { expectFix, expectNone, expectOne } from '../support';

describe('rule test-none-string', () => {
  it('warns that a string NONE runs a command named NONE, and rewrites it to disable: true', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: NONE\n';
    const finding = expectOne(text, 'test-none-string', 'warning', 'NONE');
    assert.match(finding.message, /\/bin\/sh -c NONE/);
    expectFix(text, finding, 'services:\n  web:\n    healthcheck:\n      disable: true\n');
    assert.deepEqual(loadCompose(text).services[0].healthcheck?.spec.test, ['CMD-SHELL', 'NONE']);
  });
  it('accepts the list form ["NONE"] and disable: true', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      test: ["NONE"]\n  db:\n    healthcheck:\n      disable: true\n', 'test-none-string');
  });
});
