import * as assert from 'node:assert/strict';
import { lintText } from '../../../../src/core/lint';
import { expectNone, expectOne, findings, yaml } from '../support';

describe('rule yaml-syntax', () => {
  it('reports YAML the parser cannot read, as an error inside the document', () => {
    const text = yaml`
      services:
        web:
          image: nginx
         healthcheck: [
    `;
    const found = findings(text, 'yaml-syntax');
    assert.ok(found.length > 0);
    for (const f of found) {
      assert.equal(f.severity, 'error');
      assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end);
    }
  });
  it('reports a duplicate key (go-yaml rejects it too)', () => {
    const text = yaml`
      services:
        web:
          image: a
          image: b
    `;
    const found = findings(text, 'yaml-syntax');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].range.start, found[0].range.end), 'image');
    assert.match(found[0].message, /mapping key "image" is already defined/);
  });
  it('reports an alias to an anchor that does not exist, at the alias', () => {
    expectOne('x: &a 1\nservices:\n  web:\n    healthcheck: *hc\n', 'yaml-syntax', 'error', '*hc');
  });
  it('keeps half-read structure out of the report while the YAML is broken', () => {
    const text = 'services:\n  web:\n    image: nginx\n   healthcheck: x\n';
    assert.deepEqual(lintText(text).map((f) => f.code), ['yaml-syntax']);
  });
  it('accepts valid YAML', () => {
    expectNone('services:\n  web:\n    image: nginx\n', 'yaml-syntax');
  });
});
