// Records of EF05/EF06 are simple TLV: tag (1) length (1) value (DEVICES.md §2.2).

export type TlvRecord = { tag: number; value: Uint8Array };

export type TlvError = { kind: 'short'; length: number } | { kind: 'truncated'; declared: number; available: number };

export function parseTlvRecord(bytes: Uint8Array): { ok: true; value: TlvRecord } | { ok: false; error: TlvError } {
  if (bytes.length < 2) return { ok: false, error: { kind: 'short', length: bytes.length } };
  const tag = bytes[0] ?? 0;
  const declared = bytes[1] ?? 0;
  if (bytes.length < 2 + declared) return { ok: false, error: { kind: 'truncated', declared, available: bytes.length - 2 } };
  return { ok: true, value: { tag, value: bytes.slice(2, 2 + declared) } };
}

export function encodeTlvRecord(tag: number, value: Uint8Array): Uint8Array {
  if (value.length > 255) throw new RangeError('TLV value longer than 255 bytes');
  const out = new Uint8Array(2 + value.length);
  out[0] = tag;
  out[1] = value.length;
  out.set(value, 2);
  return out;
}
