// The DATA of a 30 01 reply (DEVICES.md §1.5): text length and photo length (big-endian), then
// the text block and the WLT photo. A 30 10 reply adds a third length and the fingerprint.
export const PHOTO_LENGTH = 1024;

export type ReadPayload = { text: Uint8Array; photo: Uint8Array; fingerprint?: Uint8Array };

export type ReadPayloadError = { kind: 'short'; length: number } | { kind: 'lengths'; declared: number; actual: number };

export function decodeReadPayload(
  data: Uint8Array,
  withFingerprint = false,
): { ok: true; value: ReadPayload } | { ok: false; error: ReadPayloadError } {
  const headerLength = withFingerprint ? 6 : 4;
  if (data.length < headerLength) return { ok: false, error: { kind: 'short', length: data.length } };
  const u16 = (at: number) => ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
  const textLength = u16(0);
  const photoLength = u16(2);
  const fpLength = withFingerprint ? u16(4) : 0;
  const declared = headerLength + textLength + photoLength + fpLength;
  if (declared !== data.length) return { ok: false, error: { kind: 'lengths', declared, actual: data.length } };
  const text = data.slice(headerLength, headerLength + textLength);
  const photo = data.slice(headerLength + textLength, headerLength + textLength + photoLength);
  if (!withFingerprint) return { ok: true, value: { text, photo } };
  return { ok: true, value: { text, photo, fingerprint: data.slice(declared - fpLength) } };
}

export function encodeReadPayload(text: Uint8Array, photo: Uint8Array, fingerprint?: Uint8Array): Uint8Array {
  const headerLength = fingerprint ? 6 : 4;
  const out = new Uint8Array(headerLength + text.length + photo.length + (fingerprint?.length ?? 0));
  const put16 = (at: number, n: number) => {
    out[at] = n >> 8;
    out[at + 1] = n & 0xff;
  };
  put16(0, text.length);
  put16(2, photo.length);
  if (fingerprint) put16(4, fingerprint.length);
  out.set(text, headerLength);
  out.set(photo, headerLength + text.length);
  if (fingerprint) out.set(fingerprint, headerLength + text.length + photo.length);
  return out;
}

