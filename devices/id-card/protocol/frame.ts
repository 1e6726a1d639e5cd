// SAM frame layout (DEVICES.md §1.2): AA AA AA 96 69 | Len (2, big-endian) | body | CHK.
// Len counts the body plus the checksum byte; CHK is the XOR of Len1..last body byte.
// A command body is CMD PARA DATA…, a response body is SW1 SW2 SW3 DATA….

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
/** Preamble plus the two length bytes. */
export const HEADER_LENGTH = 7;
/** Largest Len accepted: a 30 10 reply with a 1024-byte fingerprint is 0x090A; leave headroom. */
export const MAX_LEN = 0x1000;
/** Smallest Len: a command without data is CMD PARA CHK. */
export const MIN_LEN = 3;

/** XOR of every byte in `bytes[from, to)`. */
export function xorChecksum(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let chk = 0;
  for (let i = from; i < to; i++) chk ^= bytes[i] ?? 0;
  return chk;
}

/** Wraps a body (command or response) into a complete frame. */
export function buildFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len > MAX_LEN) throw new RangeError(`SAM frame body too long: ${body.length} bytes`);
  const frame = new Uint8Array(HEADER_LENGTH + len);
  frame.set(PREAMBLE, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, HEADER_LENGTH);
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1);
  return frame;
}

/** Host → reader: CMD PARA and optional data. */
export function buildCommandFrame(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd;
  body[1] = para;
  body.set(data, 2);
  return buildFrame(body);
}

/** Reader → host: SW1 SW2 SW3 and optional data (SW1 = SW2 = 00 on every known reader). */
export function buildResponseFrame(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw1;
  body[1] = sw2;
  body[2] = sw3;
  body.set(data, 3);
  return buildFrame(body);
}
