import * as assert from 'node:assert/strict';
import { loadCompose } from '../../../src/core/compose/load';
import { lintText } from '../../../src/core/lint';

describe('several YAML documents in one file (compose-go decodes and merges them all)', () => {
  const text = [
    'name: first',
    'services:',
    '  web:',
    '    image: app',
    '    healthcheck:',
    '      test: ["CMD", "true"]',
    '      interval: 10s',
    '---',
    'name: second',
    'services:',
    '  web:',
    '    healthcheck:',
    '      interval: 5s',
    '  db:',
    '    image: postgres',
    '',
  ].join('\n');

  it('is not a syntax error, and later documents override earlier ones key by key', () => {
    assert.deepEqual(lintText(text), []);
    const model = loadCompose(text);
    assert.equal(model.name, 'second');
    assert.deepEqual(model.services.map((s) => s.name), ['web', 'db']);
    assert.deepEqual(model.services[0].healthcheck?.spec, { test: ['CMD', 'true'], intervalNs: 5e9 });
  });

  it('scopes anchors to their document', () => {
    const found = lintText('x: &hc {test: "true"}\n---\nservices:\n  web:\n    healthcheck: *hc\n');
    assert.deepEqual(found.map((f) => f.code), ['yaml-syntax']);
    assert.match(found[0].message, /unknown anchor 'hc'/);
  });
});
