/** Longest probe output the engine keeps (moby daemon/health.go `maxOutputLen`). */
export const MAX_OUTPUT_BYTES = 4096;

/**
 * Collects probe output the way moby's `limitedBuffer` does (daemon/health.go): stdout and stderr go
 * into one buffer in arrival order, bytes past 4096 are dropped, and "..." is appended when anything
 * was dropped. The cut is by bytes, so it can split a UTF-8 character; `toString` then decodes the way
 * Go's JSON encoder does when the engine returns the log, so the text equals what inspect shows.
 */
export class LimitedOutput {
  private readonly bytes: Uint8Array;
  private length = 0;
  private truncated = false;

  /** Podman keeps 500 bytes and marks nothing (libpod/healthcheck.go `MaxHealthCheckLogLength`). */
  constructor(
    private readonly limit = MAX_OUTPUT_BYTES,
    private readonly markCut = true,
  ) {
    this.bytes = new Uint8Array(limit);
  }

  write(chunk: Uint8Array): void {
    const keep = Math.min(this.limit - this.length, chunk.length);
    if (keep > 0) {
      this.bytes.set(chunk.subarray(0, keep), this.length);
      this.length += keep;
    }
    if (keep < chunk.length) this.truncated = true;
  }

  toString(): string {
    const text = decodeUtf8LikeGo(this.bytes.subarray(0, this.length));
    return this.truncated && this.markCut ? `${text}...` : text;
  }
}

/**
 * Go's encoding/json replaces every byte that does not start a valid UTF-8 sequence with U+FFFD, one
 * replacement per byte (utf8.DecodeRuneInString returns size 1 for it); WHATWG's TextDecoder would
 * fold an incomplete sequence into a single U+FFFD, so it would not match what Docker reports.
 */
export function decodeUtf8LikeGo(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const size = validSequenceLength(bytes, i);
    if (size === 0) {
      out += '\uFFFD';
      i += 1;
    } else {
      out += Buffer.from(bytes.subarray(i, i + size)).toString('utf8');
      i += size;
    }
  }
  return out;
}

// Byte ranges of RFC 3629 (the table Go's unicode/utf8 uses): no overlong forms, no surrogates,
// nothing above U+10FFFF.
function validSequenceLength(b: Uint8Array, i: number): number {
  const c0 = b[i];
  if (c0 < 0x80) return 1;
  const inRange = (k: number, lo: number, hi: number): boolean => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c0 >= 0xc2 && c0 <= 0xdf) return inRange(1, 0x80, 0xbf) ? 2 : 0;
  if (c0 >= 0xe0 && c0 <= 0xef) {
    const [lo, hi] = c0 === 0xe0 ? [0xa0, 0xbf] : c0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return inRange(1, lo, hi) && inRange(2, 0x80, 0xbf) ? 3 : 0;
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    const [lo, hi] = c0 === 0xf0 ? [0x90, 0xbf] : c0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return inRange(1, lo, hi) && inRange(2, 0x80, 0xbf) && inRange(3, 0x80, 0xbf) ? 4 : 0;
  }
  return 0;
}
