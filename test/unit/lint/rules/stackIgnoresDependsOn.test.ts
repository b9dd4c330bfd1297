import * as assert from 'node:assert/strict';
import { expectNone, expectOne, yaml } from '../support';

const text = yaml`
  services:
    web:
      image: app
      depends_on: [db]
    db:
      image: db
`;

describe('rule stack-ignores-depends-on', () => {
  it('tells a stack file that docker stack deploy drops the list form of depends_on', () => {
    const finding = expectOne(text, 'stack-ignores-depends-on', 'info', 'depends_on', { stack: true });
    assert.match(finding.message, /docker stack deploy ignores depends_on/);
    assert.match(finding.message, /"web"/);
  });
  it('says nothing to plain Compose users, for the long form (another rule), or for an empty list', () => {
    expectNone(text, 'stack-ignores-depends-on');
    expectNone(text, 'stack-ignores-depends-on', { stack: false });
    expectNone(text.replace('depends_on: [db]', 'depends_on:\n      db:\n        condition: service_healthy'), 'stack-ignores-depends-on', { stack: true });
    expectNone(text.replace('depends_on: [db]', 'depends_on: []'), 'stack-ignores-depends-on', { stack: true });
  });
});
