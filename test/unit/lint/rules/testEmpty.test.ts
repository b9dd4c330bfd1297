import { expectNone, expectOne } from '../support';

describe('rule test-empty', () => {
  it('warns that an empty string test always passes', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      test: ""\n', 'test-empty', 'warning', '""');
  });
  it('warns that an empty list keeps the image\'s test', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      test: []\n', 'test-empty', 'warning', '[]');
  });
  it('does not guess at a test whose variable is unknown', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      test: ${CHECK}\n', 'test-empty');
    expectOne('services:\n  web:\n    healthcheck:\n      test: ${CHECK}\n', 'test-empty', 'warning', '${CHECK}', { env: { CHECK: '' } });
  });
  it('accepts a real command', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      test: true\n', 'test-empty');
  });
});
