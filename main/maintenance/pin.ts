import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// Technician PINs are stored only as scrypt hashes: `scrypt$N$r$p$salt$hash` (base64url), made by
// `kioskctl hash-pin`. N = 2^15 costs ~50–100 ms per check on a kiosk PC: cheap for one technician,
// expensive for anyone trying every six-digit PIN against a stolen config file.

const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const MAXMEM = 128 * N * R * 2;

export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  if (!/^\d{4,12}$/.test(pin)) throw new Error('a PIN is 4 to 12 digits');
  return hashSecret(pin, salt);
}

export function verifyPin(pin: string, stored: string): boolean {
  return verifySecret(pin, stored);
}

/**
 * Technician card numbers are listed in the config the same way (`kioskctl hash-card`): a card
 * number is short and guessable, so a plain SHA-256 list would give every number away to anyone
 * holding the config file; a salted scrypt hash per card does not.
 */
export function hashCardNumber(cardNumber: string, salt: Buffer = randomBytes(16)): string {
  const normalized = normalizeCardNumber(cardNumber);
  if (!/^[A-Z0-9]{6,20}$/.test(normalized)) throw new Error('a card number is 6 to 20 letters and digits');
  return hashSecret(normalized, salt);
}

export function verifyCardNumber(cardNumber: string, stored: string): boolean {
  return verifySecret(normalizeCardNumber(cardNumber), stored);
}

const normalizeCardNumber = (cardNumber: string) => cardNumber.trim().toUpperCase();

function hashSecret(secret: string, salt: Buffer): string {
  const key = scryptSync(secret, salt, KEY_BYTES, { N, r: R, p: P, maxmem: MAXMEM });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function verifySecret(secret: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (!n || !r || !p || n > 1 << 20 || expected.length === 0) return false;
  const key = scryptSync(secret, salt, expected.length, { N: n, r, p, maxmem: 128 * n * r * 2 });
  return timingSafeEqual(key, expected);
}

/**
 * Lockout, derived from the attempts since the last success so that it survives a restart:
 * every fifth wrong PIN in a row locks entry, for 5 minutes the first time and twice as long each
 * time after that (capped at 24 hours). A correct PIN resets it.
 */
export const ATTEMPTS_BEFORE_LOCK = 5;
const FIRST_LOCK_MS = 5 * 60_000;
const MAX_LOCK_MS = 24 * 60 * 60_000;

export type Attempt = { at: number; success: boolean };

export type LockState =
  | { locked: false; attemptsLeft: number }
  | { locked: true; until: number };

export function lockState(attempts: readonly Attempt[], now: number): LockState {
  let failures = 0;
  let lastFailureAt = 0;
  for (const attempt of attempts) {
    if (attempt.success) failures = 0;
    else {
      failures++;
      lastFailureAt = attempt.at;
    }
  }
  const lockouts = Math.floor(failures / ATTEMPTS_BEFORE_LOCK);
  if (lockouts > 0 && failures % ATTEMPTS_BEFORE_LOCK === 0) {
    const until = lastFailureAt + Math.min(FIRST_LOCK_MS * 2 ** (lockouts - 1), MAX_LOCK_MS);
    if (now < until) return { locked: true, until };
  }
  return { locked: false, attemptsLeft: ATTEMPTS_BEFORE_LOCK - (failures % ATTEMPTS_BEFORE_LOCK) };
}
