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
