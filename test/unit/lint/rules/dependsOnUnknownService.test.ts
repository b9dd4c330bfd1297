import { expectFix, expectNone, expectOne, yaml } from '../support';

describe('rule depends-on-unknown-service', () => {
  it('reports a dependency on a service the project does not define, with a near-match fix', () => {
    const text = yaml`
      services:
        web:
          image: app
          depends_on:
            - databse
        database:
          image: postgres
    `;
    expectFix(text, expectOne(text, 'depends-on-unknown-service', 'error', 'databse'), text.replace('- databse', '- database'));
  });
  it('reports the mapping form too', () => {
    const text = 'services:\n  web:\n    depends_on:\n      cache:\n        condition: service_started\n';
    expectOne(text, 'depends-on-unknown-service', 'error', 'cache');
  });
  it('knows the services of the base file of an override', () => {
    const files: Record<string, string> = { '/p/docker-compose.yml': 'services:\n  db:\n    image: postgres\n' };
    const text = 'services:\n  web:\n    depends_on: [db]\n';
    expectNone(text, 'depends-on-unknown-service', { fileName: '/p/docker-compose.override.yml', readFile: (p) => files[p] });
  });
  it('knows the files listed before it in COMPOSE_FILE (from .env)', () => {
    const files: Record<string, string> = {
      '/p/.env': 'COMPOSE_FILE=base.yml:dev.yml\n',
      '/p/base.yml': 'services:\n  db:\n    image: postgres\n',
    };
    expectNone('services:\n  web:\n    depends_on: [db]\n', 'depends-on-unknown-service', { fileName: '/p/dev.yml', readFile: (p) => files[p] });
  });
  it('knows included files, and stays quiet when an override\'s base or an include cannot be read', () => {
    const files: Record<string, string> = { '/p/db.yml': 'services:\n  db:\n    image: postgres\n' };
    expectNone('include:\n  - db.yml\nservices:\n  web:\n    depends_on: [db]\n', 'depends-on-unknown-service', { fileName: '/p/compose.yaml', readFile: (p) => files[p] });
    expectNone('services:\n  web:\n    depends_on: [db]\n', 'depends-on-unknown-service', { fileName: '/p/compose.override.yaml' });
    expectNone('include: [other.yml]\nservices:\n  web:\n    depends_on: [db]\n', 'depends-on-unknown-service', { fileName: '/p/compose.yaml' });
  });
  it('does not guess at an interpolated name whose variable is unknown', () => {
    expectNone('services:\n  web:\n    depends_on: ["${DB_HOST}"]\n', 'depends-on-unknown-service');
  });
});
