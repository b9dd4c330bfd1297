import { expectFix, expectNone, expectOne, yaml } from '../support';

describe('rule test-missing-type', () => {
  it('reports a flow list that starts with the program and prepends CMD', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: ["curl", "-f", "http://localhost"]\n';
    expectFix(text, expectOne(text, 'test-missing-type', 'error', '"curl"'), text.replace('["curl"', '["CMD", "curl"'));
  });
  it('prepends CMD to a block list, in the list\'s indentation', () => {
    const text = yaml`
      services:
        web:
          healthcheck:
            test:
              - pg_isready
              - -U
              - postgres
    `;
    const fixed = text.replace('        - pg_isready', '        - CMD\n        - pg_isready');
    expectFix(text, expectOne(text, 'test-missing-type', 'error', 'pg_isready'), fixed);
  });
  it('prepends CMD-SHELL to a single shell command line', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: [ "curl -f http://x || exit 1" ]\n';
    expectFix(text, expectOne(text, 'test-missing-type', 'error', '"curl -f http://x || exit 1"'), text.replace('[ "curl', '[ "CMD-SHELL", "curl'));
  });
  it('accepts typed lists and strings', () => {
    expectNone('services:\n  a:\n    healthcheck:\n      test: [CMD, curl]\n  b:\n    healthcheck:\n      test: curl -f x\n', 'test-missing-type');
  });
});
