/** Packed BCD → digit string; undefined if a nibble is not 0–9. */
export function bcdToDigits(bytes: Uint8Array): string | undefined {
  let out = '';
  for (const b of bytes) {
    const hi = b >> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) return undefined;
    out += `${hi}${lo}`;
  }
  return out;
}

export function digitsToBcd(digits: string): Uint8Array {
  if (!/^\d*$/.test(digits) || digits.length % 2 !== 0) throw new RangeError('BCD needs an even number of digits');
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (Number(digits[2 * i]) << 4) | Number(digits[2 * i + 1]);
  return out;
}
