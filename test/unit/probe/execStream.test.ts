import * as assert from 'node:assert/strict';
import { ExecStreamDemuxer } from '../../../src/core/engine/execStream';

const frame = (stream: 1 | 2, text: string): Buffer => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('the exec stream demultiplexer', () => {
  it('yields stdout and stderr payloads in the order the engine wrote them', () => {
    const got: string[] = [];
    const d = new ExecStreamDemuxer((p) => got.push(Buffer.from(p).toString()));
    d.push(Buffer.concat([frame(1, 'out1\n'), frame(2, 'err1\n'), frame(1, 'out2\n')]));
    assert.deepEqual(got, ['out1\n', 'err1\n', 'out2\n']);
  });

  it('reassembles frames split at any byte', () => {
    const all = Buffer.concat([frame(1, 'hello '), frame(2, 'world'), frame(1, '')]);
    for (let cut = 1; cut < all.length; cut++) {
      const got: string[] = [];
      const d = new ExecStreamDemuxer((p) => got.push(Buffer.from(p).toString()));
      d.push(all.subarray(0, cut));
      d.push(all.subarray(cut));
      assert.equal(got.join(''), 'hello world', `cut at ${cut}`);
    }
  });
});
