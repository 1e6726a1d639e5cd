import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { keyIdOf, rawPublicKey } from './certificate-signature';

export type KioskKey = { privateKey: KeyObject; publicKey: string; keyId: string };

/**
 * The kiosk's Ed25519 signing key, made on first start and kept in the data directory readable only
 * by the kiosk's user. Its public key (`kioskctl status`) is registered with the platform so that
 * certificates can be verified offline.
 */
export function loadOrCreateKioskKey(dataDir: string): KioskKey {
  const path = join(dataDir, 'keys', 'kiosk-ed25519.pem');
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  const privateKey = createPrivateKey(readFileSync(path));
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

export function readPublicKey(dataDir: string): { publicKey: string; keyId: string } | undefined {
  const path = join(dataDir, 'keys', 'kiosk-ed25519.pem');
  if (!existsSync(path)) return undefined;
  const publicKey = rawPublicKey(createPublicKey(createPrivateKey(readFileSync(path))));
  return { publicKey, keyId: keyIdOf(publicKey) };
}
