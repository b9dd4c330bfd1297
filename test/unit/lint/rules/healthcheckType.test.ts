import { expectNone, expectOne, yaml } from '../support';

describe('rule healthcheck-type', () => {
  it('reports a healthcheck that is not a mapping', () => {
    expectOne('services:\n  web:\n    healthcheck: curl -f http://x\n', 'healthcheck-type', 'error', 'curl -f http://x');
  });
  it('reports a test list with a number in it (the schema wants strings)', () => {
    const text = yaml`
      services:
        web:
          healthcheck:
            test: ["CMD", "sleep", 1]
    `;
    expectOne(text, 'healthcheck-type', 'error', '1');
  });
  it('reports a duration that is a boolean and retries that is not a number', () => {
    const text = yaml`
      services:
        web:
          healthcheck:
            interval: true
    `;
    expectOne(text, 'healthcheck-type', 'error', 'true');
    expectOne('services:\n  web:\n    healthcheck:\n      retries: many\n', 'healthcheck-type', 'error', 'many');
  });
  it('reports disable that is not a boolean (invalid boolean)', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      disable: maybe\n', 'healthcheck-type', 'error', 'maybe');
  });
  it('accepts strings, numbers, interpolated values and yes/no for disable', () => {
    const text = yaml`
      services:
        web:
          healthcheck:
            test: \${CHECK}
            interval: \${INTERVAL}
            retries: "\${RETRIES}"
            disable: "no"
            timeout: !reset null
        db:
          healthcheck:
            test: ["CMD", "pg_isready"]
            retries: 5
    `;
    expectNone(text, 'healthcheck-type');
  });
});
