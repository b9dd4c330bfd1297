import * as assert from 'node:assert/strict';
import { applyFix, findings, yaml } from './support';

describe('problems inside anchored blocks', () => {
  const text = yaml`
    x-defaults: &defaults
      restart: unless-stopped
      healthcheck:
        test: ["CMD", "curl", "http://localhost"]
    services:
      a:
        <<: *defaults
      b:
        <<: [*defaults]
        image: b
      c:
        <<: *defaults
        healthcheck:
          test: ["CMD", "curl", "-f", "http://localhost"]
  `;

  it('are reported where written once and at every merge that uses them, not where overridden', () => {
    const found = findings(text, 'curl-without-fail');
    assert.deepEqual(
      found.map((f) => text.slice(f.range.start, f.range.end)),
      ['"curl"', '*defaults', '*defaults'],
    );
    assert.match(found[1].message, /Written in the anchor &defaults \(line 1\), used here/);
    assert.ok(found[2].range.start > text.indexOf('  b:'));
  });

  it('share one fix, applied at the anchor, which clears every report', () => {
    const [, atUse] = findings(text, 'curl-without-fail');
    const fixed = applyFix(text, atUse.fixes![0]);
    assert.ok(fixed.includes('["CMD", "curl", "-f", "http://localhost"]\nservices'));
    assert.deepEqual(findings(fixed, 'curl-without-fail'), []);
  });

  it('reports an aliased healthcheck used by another service at the alias', () => {
    const aliased = yaml`
      services:
        redis:
          healthcheck: &hc
            test: NONE
        cache:
          healthcheck: *hc
    `;
    assert.deepEqual(findings(aliased, 'test-none-string').map((f) => aliased.slice(f.range.start, f.range.end)), ['NONE', '*hc']);
  });
});
