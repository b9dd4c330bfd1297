import { expectNone, expectOne } from '../support';

describe('rule timing-without-test', () => {
  it('notes that timing keys alone re-time the image\'s HEALTHCHECK', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      interval: 2s\n', 'timing-without-test', 'info', 'healthcheck');
  });
  it('accepts a healthcheck with a test, a disabled one, and one whose test is in the base file', () => {
    expectNone('services:\n  a:\n    healthcheck:\n      test: "true"\n      interval: 2s\n  b:\n    healthcheck:\n      disable: true\n', 'timing-without-test');
    const files: Record<string, string> = { '/p/compose.yaml': 'services:\n  web:\n    healthcheck:\n      test: "true"\n' };
    expectNone('services:\n  web:\n    healthcheck:\n      interval: 2s\n', 'timing-without-test', { fileName: '/p/compose.override.yaml', readFile: (p) => files[p] });
  });
});
