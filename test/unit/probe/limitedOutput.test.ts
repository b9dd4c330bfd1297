import * as assert from 'node:assert/strict';
import { decodeUtf8LikeGo, LimitedOutput, MAX_OUTPUT_BYTES } from '../../../src/core/probe/limitedOutput';

describe('probe output is kept like moby limitedBuffer', () => {
  it('keeps output up to 4096 bytes untouched', () => {
    const out = new LimitedOutput();
    out.write(Buffer.from('a'.repeat(MAX_OUTPUT_BYTES)));
    assert.equal(out.toString(), 'a'.repeat(4096));
  });

  it('cuts at 4096 bytes across chunks and marks the cut with "..."', () => {
    const out = new LimitedOutput();
    out.write(Buffer.from('x'.repeat(4000)));
    out.write(Buffer.from('y'.repeat(200)));
    out.write(Buffer.from('z'));
    assert.equal(out.toString(), `${'x'.repeat(4000)}${'y'.repeat(96)}...`);
  });

  it('a cut through a multi-byte character yields one U+FFFD per byte, as Go JSON encodes it', () => {
    const out = new LimitedOutput();
    out.write(Buffer.from(`${'0'.repeat(4094)}€`));
    assert.equal(out.toString(), `${'0'.repeat(4094)}\uFFFD\uFFFD...`);
  });

  it('decodes valid UTF-8 unchanged and each invalid byte as U+FFFD', () => {
    assert.equal(decodeUtf8LikeGo(Buffer.from('héllo €𝄞')), 'héllo €𝄞');
    assert.equal(decodeUtf8LikeGo(Uint8Array.from([0x61, 0xff, 0xc0, 0x80, 0x62])), 'a\uFFFD\uFFFD\uFFFDb');
    assert.equal(decodeUtf8LikeGo(Uint8Array.from([0xed, 0xa0, 0x80])), '\uFFFD\uFFFD\uFFFD', 'a UTF-16 surrogate is not valid UTF-8');
  });
});
