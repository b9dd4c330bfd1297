import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne } from '../support';

describe('rule cmd-shell-extra-args', () => {
  it('warns that items after the CMD-SHELL command become $0, $1… and joins them', () => {
    const text = 'services:\n  db:\n    healthcheck:\n      test: [ "CMD-SHELL", "pg_isready -U ${DB_USERNAME}", "-d", "${DB_DATABASE:-coolify}" ]\n';
    const finding = expectOne(text, 'cmd-shell-extra-args', 'warning', '"-d"');
    assert.match(finding.message, /\$0, \$1/);
    expectFix(text, finding, text.replace(/\[.*\]/, '["CMD-SHELL", "pg_isready -U ${DB_USERNAME} -d ${DB_DATABASE:-coolify}"]'));
  });
  it('quotes an extra item that has spaces when joining', () => {
    const text = 'services:\n  db:\n    healthcheck:\n      test: ["CMD-SHELL", "echo", "hello world"]\n';
    expectFix(text, expectOne(text, 'cmd-shell-extra-args', 'warning', '"hello world"'), text.replace(/\[.*\]/, `["CMD-SHELL", "echo 'hello world'"]`));
  });
  it('accepts a single command string', () => {
    expectNone('services:\n  db:\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -d db"]\n', 'cmd-shell-extra-args');
  });
});
