/**
 * The 16-byte SAM id of a 12 FF reply, rendered as HslCommunication does (DEVICES.md §1.5, one
 * source): D2(b0) "." D2(b2) "-" u32le(b4) "-" u32le(b8) as 9 digits "-" u32le(b12) as 9 digits,
 * e.g. "05.01-20xxxxxx-xxxxxxxxx-xxxxxxxxx". Undefined for any other length.
 */
export function formatSamId(data: Uint8Array): string | undefined {
  if (data.length !== 16) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const d2 = (n: number) => String(n).padStart(2, '0');
  const u32 = (at: number) => view.getUint32(at, true);
  return `${d2(data[0] ?? 0)}.${d2(data[2] ?? 0)}-${u32(4)}-${String(u32(8)).padStart(9, '0')}-${String(u32(12)).padStart(9, '0')}`;
}
