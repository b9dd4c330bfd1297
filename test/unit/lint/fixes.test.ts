import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { lintText } from '../../../src/core/lint';
import { applyFix } from './support';

const file = path.resolve(__dirname, '../../../../test/fixtures/lint/mistakes.yaml');
const text = readFileSync(file, 'utf8');

describe('every quick fix on a file full of mistakes', () => {
  const fixable = lintText(text).filter((f) => f.fixes?.length);

  it('offers fixes for every fixable rule', () => {
    assert.deepEqual(
      [...new Set(fixable.map((f) => f.code))].sort(),
      [
        'cmd-argv-spaces',
        'cmd-shell-extra-args',
        'cmd-shell-syntax',
        'curl-without-fail',
        'depends-on-unknown-service',
        'disable-not-boolean',
        'duration-missing-unit',
        'exit-code-2',
        'healthcheck-unknown-key',
        'test-host-variable',
        'test-missing-type',
        'test-none-string',
        'test-unknown-type',
      ],
    );
  });

  for (const finding of lintText(text).filter((f) => f.fixes?.length)) {
    for (const fix of finding.fixes!) {
      it(`${finding.code} at ${finding.range.start}: "${fix.title}" keeps valid YAML and clears the finding`, () => {
        const fixed = applyFix(text, fix);
        assert.notEqual(fixed, text);
        assert.deepEqual(parseDocument(fixed).errors.map((e) => e.message), []);
        const still = lintText(fixed).filter((f) => f.code === finding.code && f.range.start === finding.range.start);
        assert.deepEqual(still, [], `${finding.code} is still reported at the same place`);
      });
    }
  }
});
