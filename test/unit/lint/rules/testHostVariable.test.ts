import * as assert from 'node:assert/strict';
import { applyFix, expectFix, expectNone, expectOne, yaml } from '../support';

describe('rule test-host-variable', () => {
  it('warns when $VAR in the test is one the container sets differently, and escapes it', () => {
    const text = yaml`
      services:
        db:
          environment:
            POSTGRES_USER: admin
          healthcheck:
            test: pg_isready -U $POSTGRES_USER
    `;
    const finding = expectOne(text, 'test-host-variable', 'warning', '$POSTGRES_USER');
    assert.match(finding.message, /on the host/);
    expectFix(text, finding, text.replace('-U $POSTGRES_USER', () => '-U $$POSTGRES_USER'));
  });
  it('covers ${VAR} in list items and the list form of environment', () => {
    const text = yaml`
      services:
        db:
          environment:
            - MYSQL_ROOT_PASSWORD=secret
          healthcheck:
            test: ["CMD-SHELL", "mysqladmin ping -p\${MYSQL_ROOT_PASSWORD}"]
    `;
    expectOne(text, 'test-host-variable', 'warning', '${MYSQL_ROOT_PASSWORD}');
  });
  it('says that a CMD list has no shell: $$VAR there is the literal text, CMD-SHELL gives the container\'s value', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: ["CMD", "wget", "-q", "http://$HOSTNAME:8080/"]\n';
    const finding = expectOne(text, 'test-host-variable', 'warning', '$HOSTNAME');
    assert.match(finding.message, /A CMD test runs no shell, so `\$\$HOSTNAME` would pass the literal text `\$HOSTNAME`: for the container's value use \["CMD-SHELL", "…"\]/);
    assert.match(finding.fixes![0].title, /literal text \$HOSTNAME: no shell in a CMD test/);
  });
  it('warns about an unbraced $VAR even when the container does not set it, offering both readings', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: wget -q http://$HOSTNAME:8080/health\n';
    const finding = expectOne(text, 'test-host-variable', 'warning', '$HOSTNAME');
    assert.deepEqual(finding.fixes?.map((f) => f.preferred), [true, false]);
    expectFix(text, finding, text.replace('$HOSTNAME', () => '$$HOSTNAME'));
    assert.equal(applyFix(text, finding.fixes![1]), text.replace('$HOSTNAME', () => '${HOSTNAME}'));
  });
  it('accepts $$VAR, defaults, braced host variables, and variables the container takes from the same host variable', () => {
    const text = yaml`
      services:
        db:
          environment:
            POSTGRES_USER: \${POSTGRES_USER}
            POSTGRES_DB: app
            HOST_ONLY:
          healthcheck:
            test: pg_isready -U \${POSTGRES_USER} -d $$POSTGRES_DB -h \${POSTGRES_DB:-x} $HOST_ONLY \${OTHER}
    `;
    expectNone(text, 'test-host-variable');
  });
});
