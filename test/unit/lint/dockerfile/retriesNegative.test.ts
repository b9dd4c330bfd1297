import * as assert from 'node:assert/strict';
import { expectNone, expectOne } from './support';

describe('Dockerfile retries-negative', () => {
  it('flags --retries=-1 with BuildKit\'s message', () => {
    const finding = expectOne('FROM alpine\nHEALTHCHECK --retries=-1 CMD true\n', 'retries-negative', 'error', '-1');
    assert.match(finding.message, /--retries cannot be negative \(-1\)/);
  });
  it('leaves 0 and positive values alone', () => {
    expectNone('FROM alpine\nHEALTHCHECK --retries=0 CMD true\n', 'retries-negative');
    expectNone('FROM alpine\nHEALTHCHECK --retries=5 CMD true\n', 'retries-negative');
  });
});
