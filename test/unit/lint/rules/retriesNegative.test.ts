import { expectNone, expectOne } from '../support';

describe('rule retries-negative', () => {
  it('reports a negative number', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      retries: -1\n', 'retries-negative', 'error', '-1');
  });
  it('reports a negative value from a variable', () => {
    expectOne('services:\n  web:\n    healthcheck:\n      retries: ${R}\n', 'retries-negative', 'error', '${R}', { env: { R: '-2' } });
  });
  it('accepts positive and unknown values', () => {
    expectNone('services:\n  web:\n    healthcheck:\n      retries: 3\n  db:\n    healthcheck:\n      retries: ${R}\n', 'retries-negative');
  });
});
