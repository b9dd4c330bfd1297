import * as assert from 'node:assert/strict';
import { interpolate } from '../../../src/core/compose/interpolate';

const env: Record<string, string> = { SET: 'value', EMPTY: '' };
const lookup = (name: string) => env[name];

describe('compose interpolation (compose-go template.go)', () => {
  const cases: Array<[string, string]> = [
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['${UNSET:-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${UNSET-def}', 'def'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${SET:?must}', 'value'],
    ['${UNSET:-${SET}}', 'value'],
    ['${UNSET:-a-${UNSET2:-b}-c}', 'a-b-c'],
    ['$$SET and $${SET}', '$SET and ${SET}'],
    ['$(date) $1 5$', '$(date) $1 5$'],
    ['${SET}-suffix', 'value-suffix'],
  ];
  for (const [template, expected] of cases) {
    it(`${template} → ${JSON.stringify(expected)}`, () => {
      const result = interpolate(template, lookup);
      assert.equal(result.value, expected);
      assert.equal(result.error, undefined);
    });
  }
  it('records unknown variables without failing', () => {
    const result = interpolate('a ${NOPE} $ALSO_NOPE ${X:?err}', lookup);
    assert.deepEqual(result.unresolved, ['NOPE', 'ALSO_NOPE', 'X']);
    assert.equal(result.error, undefined);
  });
  it('records where each reference is written', () => {
    const result = interpolate('x $SET ${A:-b}', lookup);
    assert.deepEqual(
      result.references.map((r) => [r.name, r.start, r.end, r.hasOperator]),
      [
        ['SET', 2, 6, false],
        ['A', 7, 14, true],
      ],
    );
  });
  for (const bad of ['${', '${}', '${ foo}', '${foo }', '${foo!}', '${A:=b}', 'ok ${unclosed']) {
    it(`rejects ${bad} as an invalid format`, () => {
      assert.ok(interpolate(bad, lookup).error, bad);
    });
  }
  it('points at the invalid construct', () => {
    assert.deepEqual(interpolate('abc ${A:=b} def', lookup).error, { start: 4, end: 11, text: '${A:=b}' });
  });
});
