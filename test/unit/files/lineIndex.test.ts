import * as assert from 'node:assert/strict';
import { positionAt } from '../../../src/core/compose/range';
import { LineIndex } from '../../../src/core/lint/lineIndex';

describe('LineIndex (offsets to lines for many findings)', () => {
  it('agrees with positionAt at every offset, line breaks and the end included', () => {
    const text = 'services:\n  web:\r\n\n    image: "ä€😀"\nlast';
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      assert.deepEqual(index.positionAt(offset), positionAt(text, offset), `offset ${offset}`);
    }
  });

  it('handles an empty text', () => {
    assert.deepEqual(new LineIndex('').positionAt(0), { line: 0, character: 0 });
  });
});
