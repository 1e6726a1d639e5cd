import { createHash, createPublicKey, verify } from 'node:crypto';

// The checks of SYNC.md §6 as pure functions over bytes, in the order the updater runs them. Each
// failure is an UpdateCheckError naming the check, so technicians (and `kioskctl catalogue verify`)
// see which defence fired.

export type CheckName =
  | 'size'
  | 'envelope'
  | 'signature'
  | 'payload'
  | 'version'
  | 'expiry'
  | 'compatibility'
  | 'file'
  | 'semantic'
  | 'space' // not enough disk for staging + import (checked up front, and ENOSPC / SQLITE_FULL caught)
  | 'health';

export class UpdateCheckError extends Error {
  constructor(
    readonly check: CheckName,
    message: string,
  ) {
    super(message);
    this.name = 'UpdateCheckError';
  }
}

export type RoleKeys = { keyids: string[]; threshold: number };
export type RootPayload = {
  type: 'root';
  schema: 1;
  version: number;
  expires: string;
  keys: Record<string, string>;
  roles: { root: RoleKeys; timestamp: RoleKeys; catalogue: RoleKeys; config: RoleKeys };
};
export type ManifestRef = { version: number; length: number; sha256: string };
export type TimestampPayload = { type: 'timestamp'; schema: 1; version: number; expires: string; rootVersion: number; catalogue: ManifestRef; config: ManifestRef };
export type ManifestFile = { path: string; length: number; sha256: string };
export type ManifestPayload = {
  type: 'catalogue' | 'config';
  schema: 1;
  version: number;
  createdAt: string;
  expires: string;
  minAppVersion: string;
  itemCount?: number;
  files: ManifestFile[];
};
export type SignedRole = keyof RootPayload['roles'];

/** Trust: key id → SPKI (base64), and who may sign what. */
export type Trust = { keys: Record<string, string>; roles: Partial<Record<SignedRole, RoleKeys>> };

export const MAX_BYTES = { root: 16 * 1024, timestamp: 16 * 1024, manifest: 2 * 1024 * 1024 } as const;

const PAYLOAD_TYPES: Record<SignedRole, string> = {
  root: 'application/vnd.kiosk.root+json',
  timestamp: 'application/vnd.kiosk.timestamp+json',
  catalogue: 'application/vnd.kiosk.catalogue+json',
  config: 'application/vnd.kiosk.config+json',
};

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A pinned Ed25519 key (hex or base64 SPKI DER, or a raw 32-byte key) → { keyid, spkiBase64 }. */
export function pinnedKey(text: string): { keyid: string; spkiBase64: string } {
  const bytes = /^[0-9a-f]+$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  const spki = bytes.length === 32 ? Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), bytes]) : bytes;
  createPublicKey({ key: spki, format: 'der', type: 'spki' }); // throws on garbage
  return { keyid: sha256Hex(spki), spkiBase64: spki.toString('base64') };
}

/** Trust from the root keys pinned in the app's config (before any root metadata is known). */
export function pinnedTrust(rootKeys: readonly string[], threshold: number): Trust {
  const keys = rootKeys.map(pinnedKey);
  return { keys: Object.fromEntries(keys.map((k) => [k.keyid, k.spkiBase64])), roles: { root: { keyids: keys.map((k) => k.keyid), threshold } } };
}

export function trustFromRoot(root: RootPayload): Trust {
  return { keys: root.keys, roles: root.roles };
}

/**
 * Checks 1 and 2: size cap, envelope shape, payload type, and at least `threshold` valid signatures
 * by distinct keys of `role` — all before the payload is parsed. Returns the exact signed bytes.
 */
export function verifyEnvelope(bytes: Buffer, role: SignedRole, trusts: readonly Trust[], maxBytes: number): Buffer {
  if (bytes.byteLength > maxBytes) throw new UpdateCheckError('size', `${role} metadata is ${bytes.byteLength} bytes, over the ${maxBytes} byte cap`);
  let envelope: { payloadType?: unknown; payload?: unknown; signatures?: unknown };
  try {
    envelope = JSON.parse(bytes.toString('utf8')) as typeof envelope;
  } catch {
    throw new UpdateCheckError('envelope', `${role} metadata is not JSON`);
  }
  if (envelope.payloadType !== PAYLOAD_TYPES[role]) throw new UpdateCheckError('envelope', `${role} metadata has payload type ${String(envelope.payloadType)}`);
  if (typeof envelope.payload !== 'string' || !Array.isArray(envelope.signatures)) throw new UpdateCheckError('envelope', `${role} envelope is malformed`);
  const payload = Buffer.from(envelope.payload, 'base64');
  // Every trust must be satisfied (a root rotation needs the old and the new root's thresholds).
  for (const trust of trusts) {
    const allowed = trust.roles[role];
    if (!allowed) throw new UpdateCheckError('signature', `no keys are trusted for ${role}`);
    const good = new Set<string>();
    for (const s of envelope.signatures as { keyid?: unknown; sig?: unknown }[]) {
      if (typeof s?.keyid !== 'string' || typeof s.sig !== 'string' || !allowed.keyids.includes(s.keyid) || good.has(s.keyid)) continue;
      const spki = trust.keys[s.keyid];
      if (!spki) continue;
      try {
        const key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
        if (verify(null, payload, key, Buffer.from(s.sig, 'base64'))) good.add(s.keyid);
      } catch {
        // A malformed key or signature counts as no signature.
      }
    }
    if (good.size < allowed.threshold) {
      throw new UpdateCheckError('signature', `${role} metadata has ${good.size} valid signature(s) from trusted keys, ${allowed.threshold} required`);
    }
  }
  return payload;
}

export function parsePayload<T extends { type: string; schema: number; version: number; expires: string }>(payload: Buffer, type: string): T {
  let value: T;
  try {
    value = JSON.parse(payload.toString('utf8')) as T;
  } catch {
    throw new UpdateCheckError('payload', `${type} payload is not JSON`);
  }
  if (value?.type !== type || value.schema !== 1 || !Number.isSafeInteger(value.version) || value.version < 1 || typeof value.expires !== 'string') {
    throw new UpdateCheckError('payload', `payload is not a schema-1 ${type} document`);
  }
  return value;
}

/** Check 4: not expired against a floor the device clock alone cannot lower. */
export function checkExpiry(what: string, expires: string, floorMs: number): void {
  const at = Date.parse(expires);
  if (Number.isNaN(at)) throw new UpdateCheckError('expiry', `${what} has no valid expiry`);
  if (at <= floorMs) throw new UpdateCheckError('expiry', `${what} expired at ${expires} (time floor ${new Date(floorMs).toISOString()})`);
}

/** Check 5. */
export function checkCompatible(minAppVersion: string, appVersion: string): void {
  const parts = (v: string) => v.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const [a, b] = [parts(minAppVersion), parts(appVersion)];
  for (let i = 0; i < 3; i++) {
    if ((b[i] ?? 0) > (a[i] ?? 0)) return;
    if ((b[i] ?? 0) < (a[i] ?? 0)) throw new UpdateCheckError('compatibility', `needs app ${minAppVersion}, this kiosk runs ${appVersion}`);
  }
}

/** Manifest file paths stay inside the staging directory. */
export function checkFilePath(path: string): void {
  if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(path) || path.split('/').some((p) => p === '..' || p === '.')) {
    throw new UpdateCheckError('file', `manifest lists an unsafe path ${JSON.stringify(path)}`);
  }
}
