import { expectNone, expectOne, yaml } from '../support';

describe('rule test-always-passes', () => {
  it('warns about a test that only echoes', () => {
    const text = 'services:\n  mongo:\n    healthcheck:\n      test: ["CMD-SHELL", "echo \'ok\' > /dev/null 2>&1"]\n';
    expectOne(text, 'test-always-passes', 'warning', '["CMD-SHELL", "echo \'ok\' > /dev/null 2>&1"]');
  });
  it('covers the CMD and string forms', () => {
    expectOne('services:\n  a:\n    healthcheck:\n      test: [CMD, echo, hi]\n', 'test-always-passes', 'warning', '[CMD, echo, hi]');
    expectOne('services:\n  a:\n    healthcheck:\n      test: printf ok\n', 'test-always-passes', 'warning', 'printf ok');
  });
  it('accepts real checks, /dev/tcp probes, pipes into a checker, and an explicit true', () => {
    const text = yaml`
      services:
        a: {healthcheck: {test: ["CMD", "bash", "-c", "echo > /dev/tcp/localhost/80"]}}
        b: {healthcheck: {test: "echo | nc -w 5 localhost:80"}}
        c: {healthcheck: {test: "echo ok || exit 1; wget -q http://x"}}
        d: {healthcheck: {test: /bin/true}}
        e: {healthcheck: {test: ["CMD", "redis-cli", "ping"]}}
    `;
    expectNone(text, 'test-always-passes');
  });
});
