import { expectNone, expectOne, yaml } from '../support';

describe('rule invalid-structure', () => {
  it('reports a top level that is not a mapping', () => {
    expectOne('- just\n- a list\n', 'invalid-structure', 'error', '- just\n- a list');
  });
  it('reports services that is not a mapping', () => {
    expectOne('services: [web, db]\n', 'invalid-structure', 'error', '[web, db]');
  });
  it('reports a service that is not a mapping', () => {
    const text = yaml`
      services:
        web: nginx
    `;
    expectOne(text, 'invalid-structure', 'error', 'nginx');
  });
  it('accepts a partial service (no image) and an empty document', () => {
    expectNone('services:\n  web:\n    environment: {A: b}\n', 'invalid-structure');
    expectNone('', 'invalid-structure');
  });
});
