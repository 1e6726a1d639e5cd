// Splits an ESC/POS byte stream into commands and text runs. Used by the decoder (whole tickets)
// and by the simulator (a live stream that arrives in chunks, with DLE EOT requests mixed in).
// It knows the length of every command the kiosk sends and of the common ones it does not, so a
// byte inside a QR payload or a raster image is never mistaken for a command.

export type EscPosToken =
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'lf' }
  | { type: 'init' }
  | { type: 'align'; n: number }
  | { type: 'bold'; on: boolean }
  | { type: 'size'; n: number }
  | { type: 'printMode'; n: number }
  | { type: 'chineseMode'; on: boolean }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; partial: boolean }
  | { type: 'function'; code: number; fn: number; data: Uint8Array }
  | { type: 'realtimeStatus'; n: number }
  | { type: 'other'; bytes: Uint8Array }
  | { type: 'unknown'; byte: number };

export type TokenizeResult = {
  tokens: EscPosToken[];
  /** Byte length of each token, parallel to `tokens`. */
  lengths: number[];
  /** Bytes consumed; the rest is an incomplete command waiting for more data. */
  consumed: number;
};

const INCOMPLETE = -1;

/**
 * Tokenize as much of `bytes` as forms complete commands. Always makes progress on complete
 * input, never throws, and never reads beyond the buffer.
 */
export function tokenize(bytes: Uint8Array): TokenizeResult {
  const tokens: EscPosToken[] = [];
  const lengths: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b >= 0x20) {
      let j = i + 1;
      while (j < bytes.length && (bytes[j] ?? 0) >= 0x20) j++;
      tokens.push({ type: 'text', bytes: copy(bytes.subarray(i, j)) });
      lengths.push(j - i);
      i = j;
      continue;
    }
    const len = commandLength(bytes, i);
    if (len === INCOMPLETE) break;
    tokens.push(toToken(bytes.subarray(i, i + len)));
    lengths.push(len);
    i += len;
  }
  return { tokens, lengths, consumed: i };
}

/** Length of the command starting at `at`, or INCOMPLETE when the buffer ends inside it. */
function commandLength(bytes: Uint8Array, at: number): number {
  const avail = bytes.length - at;
  const byte = (k: number): number | undefined => bytes[at + k];
  const need = (n: number): number => (avail >= n ? n : INCOMPLETE);
  const b0 = byte(0);
  const b1 = byte(1);
  if (b0 === 0x1b || b0 === 0x1d || b0 === 0x1c || b0 === 0x10) {
    if (b1 === undefined) return INCOMPLETE;
  }
  switch (b0) {
    case 0x1b:
      if (b1 === 0x2a) {
        // ESC * m nL nH d…: bit image, nL + 256·nH columns of 1 (8-dot) or 3 (24-dot) bytes
        if (avail < 5) return INCOMPLETE;
        const columns = (byte(3) ?? 0) + 256 * (byte(4) ?? 0);
        return need(5 + columns * ((byte(2) ?? 0) <= 1 ? 1 : 3));
      }
      return need(escLength(b1 ?? 0, byte(2)));
    case 0x1c:
      return need(fsLength(b1 ?? 0));
    case 0x10:
      return need(b1 === 0x04 || b1 === 0x05 ? 3 : b1 === 0x14 ? 5 : 2);
    case 0x1d:
      return gsLength(bytes, at, avail);
    default:
      return 1;
  }
}

function escLength(b1: number, b2: number | undefined): number {
  if ([0x40, 0x32, 0x3c].includes(b1)) return 2; // ESC @, ESC 2, ESC <
  if (b1 === 0x70) return 5; // ESC p m t1 t2 (drawer kick)
  if (b1 === 0x63) return b2 === undefined ? 3 : 4; // ESC c 3|4|5 n
  return 3; // ESC a n, ESC E n, ESC ! n, ESC - n, ESC d n, ESC J n, ESC t n, ESC 3 n, ESC G n, ESC M n, …
}

function fsLength(b1: number): number {
  if (b1 === 0x26 || b1 === 0x2e) return 2; // FS &, FS .
  if (b1 === 0x70 || b1 === 0x53) return 4; // FS p n m, FS S n1 n2
  return 3; // FS ! n, FS - n, FS W n, FS C n
}

function gsLength(bytes: Uint8Array, at: number, avail: number): number {
  const byte = (k: number): number => bytes[at + k] ?? 0;
  const need = (n: number): number => (avail >= n ? n : INCOMPLETE);
  const b1 = byte(1);
  if (b1 === 0x28) {
    // GS ( X pL pH d1…dk: function blocks (QR is GS ( k)
    if (avail < 5) return INCOMPLETE;
    return need(5 + byte(3) + 256 * byte(4));
  }
  if (b1 === 0x56) {
    if (avail < 3) return INCOMPLETE;
    return need(byte(2) === 0x41 || byte(2) === 0x42 || byte(2) === 65 || byte(2) === 66 ? 4 : 3);
  }
  if (b1 === 0x76) {
    // GS v 0 m xL xH yL yH d…: raster image of (xL + 256·xH) × (yL + 256·yH) bytes
    if (avail < 8) return INCOMPLETE;
    return need(8 + (byte(4) + 256 * byte(5)) * (byte(6) + 256 * byte(7)));
  }
  if (b1 === 0x6b) {
    // GS k m: barcodes, NUL-terminated (m ≤ 6) or with a length byte (m ≥ 65)
    if (avail < 3) return INCOMPLETE;
    const m = byte(2);
    if (m >= 65) return avail < 4 ? INCOMPLETE : need(4 + byte(3));
    for (let k = 3; k < avail; k++) if (byte(k) === 0) return k + 1;
    return INCOMPLETE;
  }
  if (b1 === 0x4c || b1 === 0x57 || b1 === 0x50) return need(4); // GS L nL nH, GS W nL nH, GS P x y
  return need(3); // GS ! n, GS a n, GS r n, GS B n, GS H n, GS h n, GS w n, GS f n, GS I n
}

function toToken(cmd: Uint8Array): EscPosToken {
  const [b0, b1 = 0, b2 = 0] = cmd;
  if (b0 === 0x0a) return { type: 'lf' };
  if (b0 === 0x1b) {
    if (b1 === 0x40) return { type: 'init' };
    if (b1 === 0x61) return { type: 'align', n: b2 };
    if (b1 === 0x45) return { type: 'bold', on: (b2 & 1) === 1 };
    if (b1 === 0x21) return { type: 'printMode', n: b2 };
    if (b1 === 0x64) return { type: 'feed', lines: b2 };
    return { type: 'other', bytes: copy(cmd) };
  }
  if (b0 === 0x1c) {
    if (b1 === 0x26) return { type: 'chineseMode', on: true };
    if (b1 === 0x2e) return { type: 'chineseMode', on: false };
    return { type: 'other', bytes: copy(cmd) };
  }
  if (b0 === 0x1d) {
    if (b1 === 0x21) return { type: 'size', n: b2 };
    if (b1 === 0x56) return { type: 'cut', partial: b2 === 1 || b2 === 49 || b2 === 66 };
    if (b1 === 0x28 && cmd.length >= 7) return { type: 'function', code: b2, fn: cmd[6] ?? 0, data: copy(cmd.subarray(7)) };
    return { type: 'other', bytes: copy(cmd) };
  }
  if (b0 === 0x10 && b1 === 0x04) return { type: 'realtimeStatus', n: b2 };
  if (b0 === 0x10 || b0 === 0x0d || b0 === 0x09 || b0 === 0x0c) return { type: 'other', bytes: copy(cmd) };
  return { type: 'unknown', byte: b0 ?? 0 };
}

/** A plain Uint8Array copy: Buffer#slice would alias the caller's buffer. */
const copy = (view: Uint8Array): Uint8Array => new Uint8Array(view);
