import * as assert from 'node:assert/strict';
import { expectNone, expectOne, yaml } from '../support';

const text = yaml`
  services:
    web:
      image: app
      container_name: my-web
`;

describe('rule stack-ignores-container-name', () => {
  it('quotes what docker stack deploy prints for container_name in a stack file', () => {
    const finding = expectOne(text, 'stack-ignores-container-name', 'info', 'container_name', { stack: true });
    assert.match(finding.message, /"container_name: Setting the container name is not supported\."/);
    assert.match(finding.message, /<stack>_web\.<slot>\.<task id>/);
  });
  it('says nothing to plain Compose users or without container_name', () => {
    expectNone(text, 'stack-ignores-container-name');
    expectNone(text.replace('    container_name: my-web\n', ''), 'stack-ignores-container-name', { stack: true });
  });
});
