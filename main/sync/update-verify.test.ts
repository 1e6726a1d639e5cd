import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCompatible, checkExpiry, checkFilePath, pinnedKey, pinnedTrust, UpdateCheckError, verifyEnvelope } from './update-verify';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const spki = publicKey.export({ type: 'spki', format: 'der' });

function envelope(payload: Buffer, type = 'application/vnd.kiosk.root+json', key = privateKey) {
  const keyid = pinnedKey(spki.toString('base64')).keyid;
  return Buffer.from(JSON.stringify({ payloadType: type, payload: payload.toString('base64'), signatures: [{ keyid, sig: sign(null, payload, key).toString('base64') }] }));
}

const checkOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof UpdateCheckError ? error.check : String(error);
  }
  return 'passed';
};

describe('update-verify', () => {
  it('pins a key given as base64 SPKI, hex SPKI or the raw 32 bytes, all to the same key id', () => {
    const ids = [spki.toString('base64'), spki.toString('hex'), spki.subarray(12).toString('hex')].map((k) => pinnedKey(k).keyid);
    expect(new Set(ids).size).toBe(1);
    expect(() => pinnedKey('not a key')).toThrow();
  });

  it('verifies the exact signed bytes against a threshold of distinct trusted keys', () => {
    const trust = pinnedTrust([spki.toString('base64')], 1);
    const payload = Buffer.from('{"type":"root"}');
    expect(verifyEnvelope(envelope(payload), 'root', [trust], 16_384)).toEqual(payload);
    expect(checkOf(() => verifyEnvelope(envelope(payload), 'root', [pinnedTrust([spki.toString('base64')], 2)], 16_384))).toBe('signature');
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(checkOf(() => verifyEnvelope(envelope(payload, undefined, other), 'root', [trust], 16_384))).toBe('signature');
    expect(checkOf(() => verifyEnvelope(envelope(payload, 'application/vnd.kiosk.config+json'), 'root', [trust], 16_384))).toBe('envelope');
    expect(checkOf(() => verifyEnvelope(envelope(payload), 'root', [trust], 10))).toBe('size');
  });

  it('judges expiry against the floor and compatibility against the app version', () => {
    expect(checkOf(() => checkExpiry('x', '2026-01-01T00:00:00Z', Date.UTC(2026, 0, 2)))).toBe('expiry');
    expect(checkOf(() => checkExpiry('x', '2026-01-03T00:00:00Z', Date.UTC(2026, 0, 2)))).toBe('passed');
    expect(checkOf(() => checkCompatible('0.2.0', '0.1.9'))).toBe('compatibility');
    expect(checkOf(() => checkCompatible('0.1.0', '0.1.0'))).toBe('passed');
    expect(checkOf(() => checkCompatible('1.0.0', '1.10.0'))).toBe('passed');
  });

  it('keeps manifest paths inside the staging directory', () => {
    for (const bad of ['../etc/passwd', '/abs', 'a/../../b', 'a//b', 'a\\\\b']) expect(checkOf(() => checkFilePath(bad)), bad).toBe('file');
    expect(checkOf(() => checkFilePath('forms/F001-blank.pdf'))).toBe('passed');
  });
});
