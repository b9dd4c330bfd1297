import * as assert from 'node:assert/strict';
import { dockerfile, expectFix, expectNone, expectOne } from './support';

describe('Dockerfile healthcheck-overridden', () => {
  it('flags the earlier of two HEALTHCHECKs in a stage and removes it', () => {
    const text = dockerfile`
      FROM alpine
      HEALTHCHECK --interval=5s CMD true
      RUN echo
      HEALTHCHECK CMD false
    `;
    const finding = expectOne(text, 'healthcheck-overridden', 'warning', 'HEALTHCHECK');
    assert.match(finding.message, /only the last one will be used: the one on line 4/);
    expectFix(text, finding, 'FROM alpine\nRUN echo\nHEALTHCHECK CMD false\n');
  });
  it('counts per stage: one HEALTHCHECK in each of two stages is fine', () => {
    expectNone('FROM alpine AS a\nHEALTHCHECK CMD true\nFROM alpine\nHEALTHCHECK CMD true\n', 'healthcheck-overridden');
  });
});
