import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../src/core/compose/range';

/** The plain answer, line by line: the line is the number of '\n' before the offset. */
function expected(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('LineIndex (offsets to lines and characters)', () => {
  it('agrees with counting line breaks at every offset, line breaks and the end included', () => {
    const text = 'services:\n  web:\r\n\n    image: "ä€😀"\nlast';
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(index.positionAt(offset), expected(text, offset), `offset ${offset}`);
    }
  });

  it('counts characters in UTF-16 code units, as VS Code does', () => {
    assert.deepEqual(new LineIndex('a😀\nb').positionAt(3), { line: 0, character: 3 });
  });

  it('handles an empty text', () => {
    assert.deepEqual(new LineIndex('').positionAt(0), { line: 0, character: 0 });
  });
});
