// Masking for anything a device logs (DESIGN.md §5): personal data never reaches a log unmasked.

/** `440105195803129994` → `440105********9994`; anything else keeps at most its first and last 2 chars. */
export function maskIdNumber(value: string): string {
  if (value.length === 18) return `${value.slice(0, 6)}********${value.slice(14)}`;
  return maskMiddle(value, 2);
}

/** `张三` → `张*`, `李秀英` → `李**`. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Card numbers: keep the first and last 2 characters. */
export const maskCardNumber = (value: string): string => maskMiddle(value, 2);

function maskMiddle(value: string, keep: number): string {
  const chars = [...value];
  if (chars.length <= keep * 2) return '*'.repeat(chars.length);
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep * 2) + chars.slice(-keep).join('');
}
