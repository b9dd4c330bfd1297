import { expectNone, expectOne } from '../support';

describe('rule start-interval-without-start-period', () => {
  it('reports start_interval alone as docker compose does', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      test: /bin/true\n      start_interval: 1s\n', 'start-interval-without-start-period', 'error', 'start_interval');
  });
  it('accepts start_interval with start_period, also when start_period comes from the base file', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      test: /bin/true\n      start_period: 10s\n      start_interval: 1s\n', 'start-interval-without-start-period');
    const base = 'services:\n  web:\n    image: x\n    healthcheck:\n      test: /bin/true\n      start_period: 10s\n';
    const files: Record<string, string> = { '/p/compose.yaml': base };
    expectNone('services:\n  web:\n    healthcheck:\n      start_interval: 1s\n', 'start-interval-without-start-period', {
      fileName: '/p/compose.override.yaml',
      readFile: (p) => files[p],
    });
  });
});
