import { expectFix, expectNone, expectOne, yaml } from '../support';

describe('rule curl-without-fail', () => {
  it('warns about curl without -f in a string test and adds -f', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: curl http://localhost:3000/api/heartbeat\n';
    expectFix(text, expectOne(text, 'curl-without-fail', 'warning', 'curl'), text.replace('curl http', 'curl -f http'));
  });
  it('finds the right curl in a script with several commands', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: ["CMD-SHELL", "curl -f http://a && curl http://b || exit 1"]\n';
    const finding = expectOne(text, 'curl-without-fail', 'warning', 'curl', { occurrence: 1 });
    expectFix(text, finding, text.replace('&& curl http', '&& curl -f http'));
  });
  it('warns about a CMD list and inserts an item', () => {
    const text = 'services:\n  web:\n    healthcheck:\n      test: ["CMD", "curl", "http://localhost:12345/actuator/health"]\n';
    expectFix(text, expectOne(text, 'curl-without-fail', 'warning', '"curl"'), text.replace('"curl",', '"curl", "-f",'));
  });
  it('inserts the item into a block list', () => {
    const text = yaml`
      services:
        web:
          healthcheck:
            test:
              - CMD
              - curl
              - http://localhost
    `;
    expectFix(text, expectOne(text, 'curl-without-fail', 'warning', 'curl'), text.replace('- curl\n', '- curl\n        - -f\n'));
  });
  it('accepts -f, --fail, -sf clusters, piped output, -w status checks, and wget', () => {
    const text = yaml`
      services:
        a: {healthcheck: {test: curl -fsS http://x}}
        b: {healthcheck: {test: ["CMD", "curl", "--fail", "http://x"]}}
        c: {healthcheck: {test: curl -s http://x | grep ok}}
        d: {healthcheck: {test: "[ $$(curl -s -o /dev/null -w '%{http_code}' http://x) = 200 ]"}}
        e: {healthcheck: {test: wget -q --spider http://x}}
        f: {healthcheck: {test: ["CMD", "sh", "-c", "curl -sf http://x"]}}
    `;
    expectNone(text, 'curl-without-fail');
  });
});
