import { expectNone, expectOne } from '../support';

describe('rule depends-on-condition', () => {
  it('reports a condition Compose does not know', () => {
    const text = 'services:\n  db: {image: x}\n  web:\n    depends_on:\n      db:\n        condition: service_ready\n';
    expectOne(text, 'depends-on-condition', 'error', 'service_ready');
  });
  it('accepts the three conditions', () => {
    const text = 'services:\n  a: {image: x, healthcheck: {test: "true"}}\n  b: {image: x}\n  c: {image: x}\n  web:\n    depends_on:\n      a: {condition: service_healthy}\n      b: {condition: service_started}\n      c: {condition: service_completed_successfully}\n';
    expectNone(text, 'depends-on-condition');
  });
});
