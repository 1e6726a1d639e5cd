import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { CertificateType } from './records';

// The QR on a certificate carries a compact payload signed with the kiosk's Ed25519 key, so anyone
// with the kiosk's public key can check a certificate offline:
//   HZ1.<base64url(JSON payload)>.<base64url(Ed25519 signature over "HZ1.<payload>")>
// The payload holds the certificate number, type, date, kiosk and key id, the masked ID number
// and a hash of the printed text — never a name or a full ID number.

export const PAYLOAD_PREFIX = 'HZ1';

export type CertificatePayload = {
  /** certificate type: H household, F family planning */
  t: 'H' | 'F';
  /** certificate number */
  n: string;
  /** issued on, YYYYMMDD */
  d: string;
  /** kiosk id */
  k: string;
  /** signing key id */
  kid: string;
  /** masked ID number of the holder */
  m: string;
  /** SHA-256 of the canonical certificate text, first 16 bytes, base64url */
  h: string;
};

export const typeCode = (type: CertificateType): CertificatePayload['t'] => (type === 'household' ? 'H' : 'F');

export function textHash(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest().subarray(0, 16).toString('base64url');
}

export function signPayload(payload: CertificatePayload, privateKey: KeyObject): string {
  const body = `${PAYLOAD_PREFIX}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = sign(null, Buffer.from(body), privateKey);
  return `${body}.${signature.toString('base64url')}`;
}

/** Eight characters from the signature, grouped 4-4, in an alphabet without 0/O and 1/I/L. */
export function verificationCode(compact: string): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const digest = createHash('sha256').update(compact).digest();
  let code = '';
  for (let i = 0; i < 8; i++) code += alphabet[(digest[i] ?? 0) % alphabet.length];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export type VerifyResult =
  | { ok: true; payload: CertificatePayload; code: string }
  | { ok: false; reason: 'malformed' | 'unknown-key' | 'bad-signature' };

/** `keys` maps key id → Ed25519 public key (raw 32 bytes, base64url). */
export function verifyPayload(compact: string, keys: Record<string, string>): VerifyResult {
  const parts = compact.trim().split('.');
  if (parts.length !== 3 || parts[0] !== PAYLOAD_PREFIX) return { ok: false, reason: 'malformed' };
  let payload: CertificatePayload;
  try {
    payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as CertificatePayload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof payload !== 'object' || payload === null || typeof payload.kid !== 'string') return { ok: false, reason: 'malformed' };
  const raw = keys[payload.kid];
  if (!raw) return { ok: false, reason: 'unknown-key' };
  const signed = verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), publicKeyFromRaw(raw), Buffer.from(parts[2] ?? '', 'base64url'));
  return signed ? { ok: true, payload, code: verificationCode(compact) } : { ok: false, reason: 'bad-signature' };
}

/** Wraps a raw 32-byte Ed25519 public key (base64url) as a KeyObject. */
export function publicKeyFromRaw(raw: string): KeyObject {
  const prefix = Buffer.from('302a300506032b6570032100', 'hex');
  return createPublicKey({ key: Buffer.concat([prefix, Buffer.from(raw, 'base64url')]), format: 'der', type: 'spki' });
}

export function rawPublicKey(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('base64url');
}

export function keyIdOf(rawPublic: string): string {
  return createHash('sha256').update(Buffer.from(rawPublic, 'base64url')).digest('hex').slice(0, 12);
}
