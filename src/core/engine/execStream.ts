/**
 * Splits the engine's multiplexed exec stream (a non-TTY exec: 8-byte frame headers — stream type,
 * three zero bytes, a big-endian uint32 length — then the payload; moby pkg/stdcopy) into payloads,
 * in the order the engine wrote them, across arbitrary chunk boundaries.
 */
export class ExecStreamDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onPayload: (payload: Uint8Array) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) return;
      this.onPayload(this.pending.subarray(8, 8 + size));
      this.pending = this.pending.subarray(8 + size);
    }
  }
}
