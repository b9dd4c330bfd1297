import * as assert from 'node:assert/strict';
import { expectFix, expectNone, expectOne, yaml } from '../support';

describe('rule cmd-shell-syntax', () => {
  it('warns that || in a CMD list reaches the program literally, and converts to CMD-SHELL', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost", "||", "exit", "1"]\n';
    const finding = expectOne(text, 'cmd-shell-syntax', 'warning', '"||"');
    assert.match(finding.message, /without a shell/);
    expectFix(text, finding, text.replace(/\[.*\]/, '["CMD-SHELL", "curl -f http://localhost || exit 1"]'));
  });
  it('warns about $$VAR of the container that only a shell would expand, keeping $$ in the fix', () => {
    const text = yaml`
      services:
        db:
          environment:
            MYSQL_ROOT_PASSWORD: secret
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
  it('leaves $$ alone where it is Compose\'s escape for a literal $ the program wants (an MQTT topic)', () => {
    const text = yaml`
      services:
        mqtt:
          environment:
            TZ: UTC
          healthcheck:
            test: ["CMD", "mosquitto_sub", "-t", "$$SYS/#", "-C", "1", "-W", "3"]
        api:
          healthcheck:
            test: ["CMD", "curl", "-f", "http://localhost/price?currency=$$USD"]
    `;
    expectNone(text, 'cmd-shell-syntax');
  });
  it('still warns about $$ naming a variable every container has, and about $(…)', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      test: ["CMD", "wget", "-q", "http://$$HOSTNAME:8080/"]\n', 'cmd-shell-syntax', 'warning', '"http://$$HOSTNAME:8080/"');
    expectOne('services:\n  web:\n    healthcheck:\n      test: ["CMD", "echo", "$(date)"]\n', 'cmd-shell-syntax', 'warning', '"$(date)"');
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
