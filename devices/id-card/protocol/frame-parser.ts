import { HEADER_LENGTH, MAX_LEN, MIN_LEN, PREAMBLE, xorChecksum } from './frame';

/** What went wrong on the wire; never thrown, always returned in order with the frames. */
export type FrameError =
  | { kind: 'garbage'; bytes: number }
  | { kind: 'length'; length: number }
  | { kind: 'checksum'; expected: number; actual: number };

export type ParsedItem = { type: 'frame'; body: Uint8Array } | { type: 'error'; error: FrameError };

/**
 * Streaming SAM frame parser for either direction. Bytes arrive in arbitrary chunks; the parser
 * resynchronises on the preamble, checks Len and the XOR checksum, and reports skipped bytes as
 * `garbage`. A bad length or checksum drops only the first preamble byte, so a false preamble
 * inside noise cannot swallow a real frame that follows it.
 */
export class FrameParser {
  private buffer: Uint8Array = new Uint8Array(0);
  private garbage = 0;

  constructor(private readonly maxLen = MAX_LEN) {}

  push(chunk: Uint8Array): ParsedItem[] {
    this.buffer = concat(this.buffer, chunk);
    const out: ParsedItem[] = [];
    for (;;) {
      const start = indexOfPreamble(this.buffer);
      if (start < 0) {
        // Keep a tail that may be the start of a preamble split across chunks.
        const keep = preamblePrefixAtEnd(this.buffer);
        this.skip(this.buffer.length - keep);
        break;
      }
      this.skip(start);
      if (this.buffer.length < HEADER_LENGTH) break;
      const len = ((this.buffer[5] ?? 0) << 8) | (this.buffer[6] ?? 0);
      if (len < MIN_LEN || len > this.maxLen) {
        this.flushGarbage(out);
        out.push({ type: 'error', error: { kind: 'length', length: len } });
        this.drop(1);
        continue;
      }
      const total = HEADER_LENGTH + len;
      if (this.buffer.length < total) break;
      const expected = xorChecksum(this.buffer, 5, total - 1);
      const actual = this.buffer[total - 1] ?? 0;
      this.flushGarbage(out);
      if (expected !== actual) {
        out.push({ type: 'error', error: { kind: 'checksum', expected, actual } });
        this.drop(1);
        continue;
      }
      out.push({ type: 'frame', body: this.buffer.slice(HEADER_LENGTH, total - 1) });
      this.drop(total);
    }
    this.flushGarbage(out);
    return out;
  }

  /** Forget everything buffered (after a timeout, so a late reply cannot pose as the next one). */
  reset(): void {
    this.buffer = new Uint8Array(0);
    this.garbage = 0;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  private skip(count: number): void {
    if (count <= 0) return;
    this.garbage += count;
    this.drop(count);
  }

  private drop(count: number): void {
    this.buffer = this.buffer.subarray(count);
  }

  private flushGarbage(out: ParsedItem[]): void {
    if (this.garbage === 0) return;
    out.push({ type: 'error', error: { kind: 'garbage', bytes: this.garbage } });
    this.garbage = 0;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return Uint8Array.from(b);
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function indexOfPreamble(buf: Uint8Array): number {
  outer: for (let i = 0; i + PREAMBLE.length <= buf.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (buf[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}

/** Length of the longest buffer suffix that is a proper prefix of the preamble. */
function preamblePrefixAtEnd(buf: Uint8Array): number {
  for (let n = Math.min(PREAMBLE.length - 1, buf.length); n > 0; n--) {
    let match = true;
    for (let j = 0; j < n; j++) {
      if (buf[buf.length - n + j] !== PREAMBLE[j]) {
        match = false;
        break;
      }
    }
    if (match) return n;
  }
  return 0;
}
