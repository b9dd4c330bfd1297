import { expectNone, expectOne, yaml } from '../support';

describe('rule healthy-dependency-disabled', () => {
  it('reports service_healthy on a service whose check is disabled', () => {
    const text = yaml`
      services:
        migrate:
          image: app
          healthcheck:
            disable: true
        web:
          depends_on:
            migrate:
              condition: service_healthy
    `;
    expectOne(text, 'healthy-dependency-disabled', 'error', 'service_healthy');
  });
  it('reports test: ["NONE"] too', () => {
    const text = 'services:\n  db:\n    healthcheck:\n      test: [NONE]\n  web:\n    depends_on:\n      db: {condition: service_healthy}\n';
    expectOne(text, 'healthy-dependency-disabled', 'error', 'service_healthy');
  });
  it('reports it in an override whose base file disables the check', () => {
    const files: Record<string, string> = { '/p/compose.yaml': 'services:\n  db:\n    healthcheck:\n      disable: true\n' };
    const text = 'services:\n  web:\n    depends_on:\n      db:\n        condition: service_healthy\n';
    expectOne(text, 'healthy-dependency-disabled', 'error', 'service_healthy', { fileName: '/p/compose.override.yaml', readFile: (p) => files[p] });
  });
  it('accepts a disabled check waited for with service_completed_successfully', () => {
    const text = 'services:\n  migrate:\n    healthcheck:\n      disable: true\n  web:\n    depends_on:\n      migrate: {condition: service_completed_successfully}\n';
    expectNone(text, 'healthy-dependency-disabled');
  });
});
