// ISO 7816-4 command and response APDUs (short form), as the social-security card speaks them.

export type CommandApdu = { cla: number; ins: number; p1: number; p2: number; data?: Uint8Array; le?: number };

export type ResponseApdu = { data: Uint8Array; sw1: number; sw2: number; sw: number };

/** Encodes case 1–4 short APDUs. `le` 0 means "up to 256" and is sent as 00. */
export function encodeApdu({ cla, ins, p1, p2, data, le }: CommandApdu): Uint8Array {
  if (data && (data.length === 0 || data.length > 255)) throw new RangeError('APDU data must be 1–255 bytes');
  const bytes = [cla, ins, p1, p2];
  if (data) bytes.push(data.length, ...data);
  if (le !== undefined) bytes.push(le & 0xff);
  return Uint8Array.from(bytes);
}

/** The card's side: splits a command APDU. Undefined when it is malformed. */
export function decodeApdu(bytes: Uint8Array): CommandApdu | undefined {
  if (bytes.length < 4) return undefined;
  const [cla = 0, ins = 0, p1 = 0, p2 = 0] = bytes;
  const head = { cla, ins, p1, p2 };
  if (bytes.length === 4) return head;
  const lc = bytes[4] ?? 0;
  if (bytes.length === 5) return { ...head, le: lc };
  if (lc === 0) return undefined;
  if (bytes.length === 5 + lc) return { ...head, data: bytes.slice(5, 5 + lc) };
  if (bytes.length === 6 + lc) return { ...head, data: bytes.slice(5, 5 + lc), le: bytes[5 + lc] ?? 0 };
  return undefined;
}

/** Splits a response APDU into data and status word; undefined when shorter than SW1 SW2. */
export function parseResponse(bytes: Uint8Array): ResponseApdu | undefined {
  if (bytes.length < 2) return undefined;
  const sw1 = bytes[bytes.length - 2] ?? 0;
  const sw2 = bytes[bytes.length - 1] ?? 0;
  return { data: bytes.slice(0, -2), sw1, sw2, sw: (sw1 << 8) | sw2 };
}

export function encodeResponse(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

export const swHex = (sw: number): string => sw.toString(16).padStart(4, '0').toUpperCase();
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();
