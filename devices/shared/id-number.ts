// Citizen ID number (GB 11643-1999): 6-digit division code, YYYYMMDD birth date, 3-digit sequence
// (odd = male, even = female) and an ISO 7064 MOD 11-2 check character (DEVICES.md §1.10).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits, or undefined when they are not 17 digits. */
export function idCheckDigit(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'format' | 'checkDigit' | 'birthDate';

/** Checks shape, birth date and check digit; returns the first problem found, or undefined. */
export function idNumberProblem(idNumber: string): IdNumberProblem | undefined {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return 'format';
  if (!isCalendarDate(idNumber.slice(6, 14))) return 'birthDate';
  if (idCheckDigit(idNumber.slice(0, 17)) !== idNumber[17]) return 'checkDigit';
  return undefined;
}

export const isValidIdNumber = (idNumber: string): boolean => idNumberProblem(idNumber) === undefined;

/** True for a real YYYYMMDD calendar date (no Feb 30th). */
export function isCalendarDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
