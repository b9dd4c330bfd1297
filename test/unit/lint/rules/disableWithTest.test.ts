import { expectNone, expectOne } from '../support';

describe('rule disable-with-test', () => {
  it('warns that disable: true silently drops the test', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      test: ["CMD", "true"]\n      disable: true\n', 'disable-with-test', 'warning', 'test');
  });
  it('accepts disable: false with a test, and disable alone', () => {
    expectNone('services:\n  a:\n    healthcheck:\n      test: ["CMD", "true"]\n      disable: false\n  b:\n    healthcheck:\n      disable: true\n', 'disable-with-test');
  });
});
