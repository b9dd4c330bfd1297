import * as assert from 'node:assert/strict';
import { expectNone, expectOne, yaml } from '../support';

const text = yaml`
  services:
    web:
      image: app
      depends_on:
        db:
          condition: service_healthy
    db:
      image: db
      healthcheck:
        test: ["CMD", "true"]
`;

describe('rule stack-depends-on-not-list', () => {
  it('reports the long form as the error docker stack deploy fails with (docker CLI 28.2.2)', () => {
    const finding = expectOne(text, 'stack-depends-on-not-list', 'error', 'depends_on', { stack: true });
    assert.match(finding.message, /"services\.web\.depends_on must be a list"/);
  });
  it('says nothing to plain Compose users, where the long form is how service_healthy is written, or for a list', () => {
    expectNone(text, 'stack-depends-on-not-list');
    expectNone(text.replace(/depends_on:\n {6}db:\n {8}condition: service_healthy/, 'depends_on: [db]'), 'stack-depends-on-not-list', { stack: true });
  });
});
