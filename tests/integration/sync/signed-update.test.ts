import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_BUNDLE, filesOf, type PublishFile } from '../../../fixtures/platform/metadata';
import { demoCredential } from '../../../fixtures/platform/server';
import { keyIdOf, sha256Hex, signEnvelope, type SigningKey } from '../../../fixtures/platform/signing';
import { catalogueStats, searchCatalogue } from '../../../main/catalogue';
import { openDatabase, type Db } from '../../../main/db/database';
import { createLogger } from '../../../main/log/logger';
import { Outbox } from '../../../main/sync/outbox';
import { PlatformClient } from '../../../main/sync/platform-client';
import { SignedUpdater, type UpdateOutcome } from '../../../main/sync/signed-updater';
import { catalogueTarget, configTarget, readPlatformConfig } from '../../../main/sync/update-targets';
import { ManualClock, sequentialIds, systemClock } from '../../../main/util/clock';
import { startPlatform, type Platform } from './harness';

// The signed-update path against the simulator over HTTP (SYNC.md §6) and the attack suite of issue 4:
// each attack is refused with the check that caught it recorded, and the kiosk keeps serving the
// catalogue it had. The tests run in order on one kiosk, as a kiosk lives through them.

let platform: Platform;
let dir: string;
let db: Db;
let clock: ManualClock;
let outbox: Outbox;
let updater: SignedUpdater;
let healthy = true;
const DAY = 86_400_000;

const bundleJson = JSON.parse(readFileSync(join(FIXTURE_BUNDLE, 'catalogue.json'), 'utf8')) as { version: number; items: { title: string }[] };
const forms = filesOf(FIXTURE_BUNDLE).filter((f) => f.path !== 'catalogue.json');

/** The fixture bundle re-labelled as `version`. */
function bundleFiles(version: number): PublishFile[] {
  return [{ path: 'catalogue.json', bytes: Buffer.from(JSON.stringify({ ...bundleJson, version })) }, ...forms];
}
const active = () => catalogueStats(db).active?.bundleVersion ?? 0;
/** Each attack uses a version never offered before (the updater remembers the highest it saw). */
let offered = bundleJson.version + 1;
const nextVersion = () => ++offered;
const catalogueOutcome = (outcomes: UpdateOutcome[]) => outcomes.find((o) => o.role === 'catalogue') ?? outcomes[0];

/** A manifest envelope for catalogue `version` over `files`, with the caller's choice of signers. */
function manifestEnvelope(version: number, files: { path: string; bytes: Uint8Array }[], signers: SigningKey[], patch: Record<string, unknown> = {}) {
  const payload = {
    type: 'catalogue',
    schema: 1,
    version,
    createdAt: new Date().toISOString(),
    expires: new Date(Date.now() + 30 * DAY).toISOString(),
    minAppVersion: '0.1.0',
    itemCount: bundleJson.items.length,
    files: files.map((f) => ({ path: f.path, length: f.bytes.byteLength, sha256: sha256Hex(f.bytes) })),
    ...patch,
  };
  return signEnvelope('application/vnd.kiosk.catalogue+json', Buffer.from(JSON.stringify(payload)), signers);
}

/** Publishes catalogue `version` correctly signed (optionally patched) with a valid timestamp. */
function offer(version: number, patch: Record<string, unknown> = {}, files = bundleFiles(version)) {
  const envelope = manifestEnvelope(version, files, [platform.updates.keysForTests().catalogue], patch);
  platform.updates.publishRawManifest('catalogue', version, Buffer.from(JSON.stringify(envelope)), files.map((f) => f.bytes));
}

async function attack(setup: () => void | Promise<void>): Promise<UpdateOutcome> {
  const before = active();
  await setup();
  const outcome = catalogueOutcome(await updater.checkNow()) as UpdateOutcome;
  expect(active(), 'the kiosk keeps serving its catalogue').toBe(before);
  expect(searchCatalogue(db, { query: '户籍', limit: 1 }).length).toBe(1);
  return outcome;
}

beforeAll(async () => {
  platform = await startPlatform();
  dir = mkdtempSync(join(tmpdir(), 'kiosk-update-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  clock = new ManualClock(Date.now());
  outbox = new Outbox(db, { clock, ids: sequentialIds('upd-event'), bootId: 'boot' });
  const client = new PlatformClient({ baseUrl: platform.url, kioskId: 'K-UPD', credential: demoCredential('K-UPD'), clock: systemClock, timeoutMs: 10_000 });
  updater = new SignedUpdater({
    db,
    client,
    outbox,
    clock,
    logger: createLogger('update-test'),
    dataDir: dir,
    appVersion: '0.1.0',
    buildTime: Date.UTC(2026, 0, 1),
    pinned: { rootKeys: platform.updates.initialRootKeys().map((k) => k.spkiBase64), threshold: 1 },
    targets: [catalogueTarget(db, { clock, healthy: () => healthy && searchCatalogue(db, { query: '户籍', limit: 1 }).length > 0 }), configTarget(db, { clock })],
  });
}, 60_000);

afterAll(async () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
  await platform.stop();
});

describe('signed catalogue and config updates', () => {
  it('installs the platform catalogue and config on first contact, verified from the pinned root key', async () => {
    const outcomes = await updater.checkNow();
    expect(outcomes).toMatchObject([
      { role: 'catalogue', version: bundleJson.version, outcome: 'installed' },
      { role: 'config', version: 1, outcome: 'installed' },
    ]);
    expect(active()).toBe(bundleJson.version);
    expect(readPlatformConfig(db)).toEqual({ version: 1, values: { idleTimeoutSeconds: 90 } });
    expect(updater.state().rootVersion).toBe(1);
    // Reported to the platform through the outbox.
    expect(outbox.nextBatch(10, 1e6).map((e) => e.type)).toEqual(['update.installed', 'update.installed']);
    expect(await updater.checkNow()).toMatchObject([{ outcome: 'up_to_date' }, { outcome: 'up_to_date' }]);
  }, 60_000);

  it('installs a newer catalogue and keeps the previous one for rollback', async () => {
    const v = nextVersion();
    offer(v);
    expect(catalogueOutcome(await updater.checkNow())).toMatchObject({ version: v, outcome: 'installed' });
    expect(catalogueStats(db)).toMatchObject({ active: { bundleVersion: v }, previous: { bundleVersion: bundleJson.version } });
  }, 60_000);

  it('refuses a forged signature', async () => {
    const v = nextVersion();
    const envelope = manifestEnvelope(v, bundleFiles(v), [platform.updates.keysForTests().catalogue]);
    const sig = Buffer.from(envelope.signatures[0]?.sig ?? '', 'base64');
    sig[10] = (sig[10] as number) ^ 0xff;
    (envelope.signatures[0] as { sig: string }).sig = sig.toString('base64');
    expect(await attack(() => platform.updates.publishRawManifest('catalogue', v, Buffer.from(JSON.stringify(envelope)), bundleFiles(v).map((f) => f.bytes)))).toMatchObject({ outcome: 'rejected', check: 'signature' });
  }, 60_000);

  it('refuses a manifest signed by an unknown key, and one signed by another role', async () => {
    const v = nextVersion();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const stranger: SigningKey = { keyid: keyIdOf(spki), spkiBase64: spki, privateKey };
    for (const signer of [stranger, platform.updates.keysForTests().config]) {
      const envelope = manifestEnvelope(v, bundleFiles(v), [signer]);
      expect(await attack(() => platform.updates.publishRawManifest('catalogue', v, Buffer.from(JSON.stringify(envelope)), bundleFiles(v).map((f) => f.bytes)))).toMatchObject({ outcome: 'rejected', check: 'signature' });
    }
  }, 60_000);

  it('refuses a signature over other bytes', async () => {
    const v = nextVersion();
    const signed = manifestEnvelope(v, bundleFiles(v), [platform.updates.keysForTests().catalogue]);
    const other = manifestEnvelope(v, bundleFiles(v), [platform.updates.keysForTests().catalogue], { minAppVersion: '0.0.1' });
    const envelope = { ...other, signatures: signed.signatures };
    expect(await attack(() => platform.updates.publishRawManifest('catalogue', v, Buffer.from(JSON.stringify(envelope)), bundleFiles(v).map((f) => f.bytes)))).toMatchObject({ outcome: 'rejected', check: 'signature' });
  }, 60_000);

  it('refuses the replay of an older catalogue version and of an older timestamp', async () => {
    const current = active();
    const old = platform.updates.get(`catalogue/${bundleJson.version}.json`) as Buffer;
    expect(await attack(() => platform.updates.publishRawManifest('catalogue', bundleJson.version, old))).toMatchObject({ outcome: 'rejected', check: 'version' });
    expect(active()).toBe(current);
    const stale = platform.updates.get('timestamp.json') as Buffer;
    platform.updates.refreshTimestamp();
    await updater.checkNow();
    platform.updates.putRaw('timestamp.json', stale);
    const outcomes = await updater.checkNow();
    expect(outcomes).toMatchObject([{ role: 'timestamp', outcome: 'rejected', check: 'version' }]);
  }, 60_000);

  it('refuses an expired manifest, also with the device clock set back', async () => {
    platform.updates.refreshTimestamp();
    const v = nextVersion();
    outbox.settle([], Date.now()); // the platform's time, as a batch reply would have recorded it
    clock.set(Date.now() - 400 * DAY);
    const outcome = await attack(() => offer(v, { expires: new Date(Date.now() - DAY).toISOString() }));
    expect(outcome).toMatchObject({ outcome: 'rejected', check: 'expiry' });
    clock.set(Date.now());
  }, 60_000);

  it('with the device clock far ahead, an expiring timestamp is refused and the kiosk keeps serving', async () => {
    clock.set(Date.now() + 30 * DAY);
    const outcomes = await updater.checkNow();
    expect(outcomes).toMatchObject([{ role: 'timestamp', outcome: 'rejected', check: 'expiry' }]);
    expect(searchCatalogue(db, { query: '户籍', limit: 1 })).toHaveLength(1);
    clock.set(Date.now());
  }, 60_000);

  it('refuses a file whose hash or length does not match, and an endless body', async () => {
    const v = nextVersion();
    const files = bundleFiles(v);
    const catalogue = files[0] as PublishFile;
    const hash = sha256Hex(catalogue.bytes);
    const envelope = manifestEnvelope(v, files, [platform.updates.keysForTests().catalogue]);
    // Same length, other bytes.
    const tampered = Buffer.from(catalogue.bytes);
    const original = Buffer.from(catalogue.bytes);
    tampered[5] = (tampered[5] as number) ^ 1;
    expect(
      await attack(() => {
        platform.updates.publishRawManifest('catalogue', v, Buffer.from(JSON.stringify(envelope)), files.map((f) => f.bytes));
        platform.updates.putBlob(hash, tampered);
      }),
    ).toMatchObject({ outcome: 'rejected', check: 'file' });
    // Longer than listed (an endless body is cut at length + 1).
    expect(await attack(() => platform.updates.putBlob(hash, Buffer.concat([original, Buffer.alloc(1024 * 1024)])))).toMatchObject({ outcome: 'rejected', check: 'file' });
    expect(await attack(() => platform.updates.putBlob(hash, original.subarray(0, 100)))).toMatchObject({ outcome: 'rejected', check: 'file' });
    platform.updates.putBlob(hash, original);
    // Once the platform serves the right bytes, the same version installs (a failed download is retried).
    expect(catalogueOutcome(await updater.checkNow())).toMatchObject({ version: v, outcome: 'installed' });
  }, 60_000);

  it('refuses a file from another version (mix-and-match)', async () => {
    const v = nextVersion();
    const files = bundleFiles(bundleJson.version); // the old catalogue.json under a new version number
    const envelope = manifestEnvelope(v, files, [platform.updates.keysForTests().catalogue]);
    expect(await attack(() => platform.updates.publishRawManifest('catalogue', v, Buffer.from(JSON.stringify(envelope)), files.map((f) => f.bytes)))).toMatchObject({
      outcome: 'rejected',
      check: 'semantic',
    });
  }, 60_000);

  it('refuses oversized metadata', async () => {
    const v = nextVersion();
    const envelope = manifestEnvelope(v, bundleFiles(v), [platform.updates.keysForTests().catalogue], { padding: 'x'.repeat(3 * 1024 * 1024) });
    expect(await attack(() => platform.updates.publishRawManifest('catalogue', v, Buffer.from(JSON.stringify(envelope))))).toMatchObject({ outcome: 'rejected', check: 'size' });
  }, 60_000);

  it('rolls back a version that fails its health check and never installs it again', async () => {
    const before = active();
    const v = nextVersion();
    offer(v);
    healthy = false;
    expect(catalogueOutcome(await updater.checkNow())).toMatchObject({ version: v, outcome: 'rolled_back', check: 'health' });
    healthy = true;
    expect(active()).toBe(before);
    expect(catalogueOutcome(await updater.checkNow())).toMatchObject({ version: v, outcome: 'rejected', check: 'version' });
    expect(active()).toBe(before);
  }, 60_000);

  it('follows a root-key rotation across two hops, and refuses a root signed by the new keys only', async () => {
    await platform.admin('/__admin/rotate-root', {});
    await platform.admin('/__admin/rotate-root', {});
    const v = nextVersion();
    offer(v);
    expect(catalogueOutcome(await updater.checkNow())).toMatchObject({ version: v, outcome: 'installed' });
    expect(updater.state().rootVersion).toBe(3);
    // Root v4 signed only by root-2 while v3 trusts root-1: refused.
    const keys = platform.updates.keysForTests();
    const v3 = JSON.parse(Buffer.from((JSON.parse((platform.updates.get('root/3.json') as Buffer).toString()) as { payload: string }).payload, 'base64').toString()) as Record<string, unknown>;
    const rogue = { ...v3, version: 4, roles: { ...(v3.roles as object), root: { keyids: [keys['root-2'].keyid], threshold: 1 } } };
    platform.updates.putRaw('root/4.json', Buffer.from(JSON.stringify(signEnvelope('application/vnd.kiosk.root+json', Buffer.from(JSON.stringify(rogue)), [keys['root-2']]))));
    expect(await updater.checkNow()).toMatchObject([{ role: 'root', outcome: 'rejected', check: 'signature' }]);
    expect(updater.state().rootVersion).toBe(3);
  }, 60_000);

  it('records every verdict for technicians and reports it to the platform', () => {
    const attempts = db.prepare('SELECT outcome, failed_check AS check_ FROM update_attempts').all() as { outcome: string; check_: string | null }[];
    expect(new Set(attempts.map((a) => a.check_))).toEqual(new Set([null, 'signature', 'version', 'expiry', 'file', 'semantic', 'size', 'health']));
    const reported = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE stream = 'catalogue'").get() as { n: number };
    expect(reported.n).toBe(attempts.length);
  });
});
