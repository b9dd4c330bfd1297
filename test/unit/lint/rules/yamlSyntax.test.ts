import * as assert from 'node:assert/strict';
import { expectNone, findings, yaml } from '../support';

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
    assert.equal(findings(text, 'yaml-syntax').length, 1);
  });
  it('accepts valid YAML', () => {
    expectNone('services:\n  web:\n    image: nginx\n', 'yaml-syntax');
  });
});
