import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne, yaml } from '../support';

describe('rule cmd-shell-syntax', () => {
  it('warns that || in a CMD list reaches the program literally, and converts to CMD-SHELL', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost", "||", "exit", "1"]\n';
    const finding = expectOne(text, 'cmd-shell-syntax', 'warning', '"||"');
    assert.match(finding.message, /without a shell/);
    expectFix(text, finding, text.replace(/\[.*\]/, '["CMD-SHELL", "curl -f http://localhost || exit 1"]'));
  });
  it('warns about $VAR that only a shell would expand, keeping $$ in the fix', () => {
    const text = yaml`
      services:
        db:
          healthcheck:
            test:
              - CMD
              - mysqladmin
              - ping
              - -p$$MYSQL_ROOT_PASSWORD
    `;
    const finding = expectOne(text, 'cmd-shell-syntax', 'warning', '-p$$MYSQL_ROOT_PASSWORD');
    expectFix(text, finding, text.replace(/test:\n[\s\S]*$/, () => 'test:\n        ["CMD-SHELL", "mysqladmin ping -p$$MYSQL_ROOT_PASSWORD"]\n'));
  });
  it('leaves scripts given to a shell or an interpreter alone', () => {
    const text = yaml`
      services:
        a:
          healthcheck:
            test: ["CMD", "bash", "-c", "echo > /dev/tcp/localhost/80 || exit 1"]
        b:
          healthcheck:
            test: ["CMD", "node", "-e", "require('http').get('http://x', r => process.exit(r.statusCode > 399 ? 1 : 0))"]
        c:
          healthcheck:
            test: ["CMD-SHELL", "curl -f x || exit 1"]
        d:
          healthcheck:
            test: ["CMD", "curl", "-f", "http://localhost:\${PORT}/health"]
    `;
    expectNone(text, 'cmd-shell-syntax');
  });
});
