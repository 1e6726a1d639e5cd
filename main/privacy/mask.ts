// Personal data never leaves memory unmasked (DESIGN.md §5): these are the only masks the kiosk uses,
// for the screen, the audit log, the outbox and the logs alike.

const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
/**
 * Social-security card numbers (one letter and eight digits) and long digit runs such as bank or card
 * ids. A run right after a hyphen is the last group of a UUID (the kiosk's own job and event ids,
 * which may happen to be all digits), not a card number.
 */
const CARD_NUMBER = /(?<![0-9A-Za-z-])([A-Z]\d{8}|\d{12,16}|\d{19})(?![0-9A-Za-z])/g;

/** 440105195803129994 → 440105********9994 */
export function maskIdNumber(idNumber: string): string {
  const trimmed = idNumber.trim();
  if (trimmed.length < 10) return '*'.repeat(trimmed.length);
  return `${trimmed.slice(0, 6)}${'*'.repeat(trimmed.length - 10)}${trimmed.slice(-4)}`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***, Li Lei → L*****. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** A00000001 → A******01 */
export function maskCardNumber(cardNumber: string): string {
  const chars = [...cardNumber.trim()];
  if (chars.length <= 3) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 3) + chars.slice(-2).join('');
}

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** resident@example.cn → r***@example.cn */
export function maskEmail(email: string): string {
  return email.replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`);
}

/** Masks every ID number, card number and e-mail address that appears inside free text. */
export function maskText(text: string): string {
  return maskEmail(text)
    .replace(ID_NUMBER, (_m, head: string, mid: string, tail: string) => `${head}${'*'.repeat(mid.length)}${tail.slice(-4)}`)
    .replace(CARD_NUMBER, (m: string) => maskCardNumber(m));
}

/** Keys whose values are personal data wherever they appear in a logged or stored object. */
const NAME_KEYS = new Set(['name', 'fullName', 'residentName', 'spouseName', 'householdHead', 'holder']);
const ID_KEYS = new Set(['idNumber', 'ssn', 'citizenId', 'identityNumber']);
const CARD_KEYS = new Set(['cardNumber', 'cardNo', 'cardId', 'ssCardNumber']);
const DROP_KEYS = new Set(['photo', 'photoWlt', 'photoBmp', 'address', 'pin', 'password', 'secret', 'token']);

/** Deep copy of `value` with personal fields masked and secrets dropped. Cycles are cut. */
export function maskDeep(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, seen));
  if (value instanceof Error) return { name: value.name, message: maskText(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (DROP_KEYS.has(key)) out[key] = '[redacted]';
    else if (typeof v === 'string' && NAME_KEYS.has(key)) out[key] = maskName(v);
    else if (typeof v === 'string' && ID_KEYS.has(key)) out[key] = maskIdNumber(v);
    else if (typeof v === 'string' && CARD_KEYS.has(key)) out[key] = maskCardNumber(v);
    else out[key] = maskDeep(v, seen);
  }
  return out;
}
