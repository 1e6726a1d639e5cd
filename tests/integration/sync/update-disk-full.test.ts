import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_BUNDLE, filesOf } from '../../../fixtures/platform/metadata';
import { demoCredential } from '../../../fixtures/platform/server';
import { catalogueStats, searchCatalogue } from '../../../main/catalogue';
import { openDatabase, type Db } from '../../../main/db/database';
import { createLogger } from '../../../main/log/logger';
import { timeOrderedIds } from '../../../main/sync/event-ids';
import { Outbox } from '../../../main/sync/outbox';
import { PlatformClient } from '../../../main/sync/platform-client';
import { SignedUpdater, writeDurably, type SignedUpdaterOptions, type UpdateOutcome } from '../../../main/sync/signed-updater';
import { catalogueTarget, configTarget } from '../../../main/sync/update-targets';
import { systemClock } from '../../../main/util/clock';
import { startPlatform, type Platform } from './harness';
import { canMountTmpfs, mountSmallDisk, type SmallDisk } from './small-disk';

// Disk full during a catalogue update (SYNC.md §6 attack list): refused up front when the disk cannot
// hold it, and — when the disk fills anyway — refused at staging (ENOSPC) or in the import
// (SQLITE_FULL, transaction rolled back). Every time: the verdict is recorded with check `space`, the
// kiosk keeps serving the catalogue it had, nothing is half-installed, no staging is left behind,
// and once space is freed the same version installs.

const bundleJson = JSON.parse(readFileSync(join(FIXTURE_BUNDLE, 'catalogue.json'), 'utf8')) as { version: number };
const forms = filesOf(FIXTURE_BUNDLE).filter((f) => f.path !== 'catalogue.json');
const bundleBytes = (version: number) => Buffer.from(JSON.stringify({ ...bundleJson, version }));
const stagingBytes = bundleBytes(bundleJson.version).byteLength + forms.reduce((n, f) => n + f.bytes.byteLength, 0);

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
}, 60_000);
afterAll(async () => {
  await platform.stop();
});

type Kiosk = { db: Db; outbox: Outbox; dataDir: string; updater(space?: SignedUpdaterOptions['space'], writeFile?: SignedUpdaterOptions['writeFile']): SignedUpdater };

function kiosk(dataDir: string, kioskId: string): Kiosk {
  const db = openDatabase(join(dataDir, 'kiosk.db'));
  const outbox = new Outbox(db, { clock: systemClock, ids: timeOrderedIds(systemClock), bootId: 'disk-full' });
  const client = new PlatformClient({ baseUrl: platform.url, kioskId, credential: demoCredential(kioskId), clock: systemClock, timeoutMs: 20_000 });
  return {
    db,
    outbox,
    dataDir,
    updater: (space, writeFile) =>
      new SignedUpdater({
        db,
        client,
        outbox,
        clock: systemClock,
        logger: createLogger('disk-full-test'),
        dataDir,
        appVersion: '0.1.0',
        buildTime: Date.UTC(2026, 0, 1),
        pinned: { rootKeys: platform.updates.initialRootKeys().map((k) => k.spkiBase64), threshold: 1 },
        targets: [catalogueTarget(db, { clock: systemClock }), configTarget(db, { clock: systemClock })],
        ...(space ? { space } : {}),
        ...(writeFile ? { writeFile } : {}),
      }),
  };
}

const catalogueOutcome = (outcomes: UpdateOutcome[]) => outcomes.find((o) => o.role === 'catalogue');

/** Publishes the next catalogue version (the fixture re-labelled) and returns its number. */
function publishNext(): number {
  const state = platform.updates.mustState();
  const version = Math.max(state.catalogue.version, bundleJson.version) + 1;
  platform.updates.publish('catalogue', [{ path: 'catalogue.json', bytes: bundleBytes(version) }, ...forms], { itemCount: 530 });
  return version;
}

/** The update was refused for space, recorded and reported; the old catalogue serves, complete. */
function expectRefusedAndServing(k: Kiosk, outcome: UpdateOutcome | undefined, serving: number, versionsBefore: number, reason: RegExp): void {
  expect(outcome).toMatchObject({ role: 'catalogue', outcome: 'rejected', check: 'space' });
  expect(outcome?.reason).toMatch(reason);
  const stats = catalogueStats(k.db);
  expect(stats.active).toMatchObject({ bundleVersion: serving, itemCount: 530 });
  expect(searchCatalogue(k.db, { query: '户籍', limit: 1 })).toHaveLength(1);
  // Nothing half-installed: no new version row, no orphan item rows.
  expect((k.db.prepare('SELECT COUNT(*) AS n FROM catalogue_versions').get() as { n: number }).n).toBe(versionsBefore);
  expect((k.db.prepare('SELECT COUNT(*) AS n FROM catalogue_items WHERE version_id NOT IN (SELECT id FROM catalogue_versions)').get() as { n: number }).n).toBe(0);
  expect(k.db.pragma('integrity_check', { simple: true })).toBe('ok');
  // Recorded for technicians and reported to the platform.
  const attempt = k.db.prepare("SELECT outcome, failed_check AS checkName, reason FROM update_attempts WHERE role = 'catalogue' ORDER BY id DESC LIMIT 1").get() as { outcome: string; checkName: string; reason: string };
  expect(attempt).toMatchObject({ outcome: 'rejected', checkName: 'space' });
  expect(attempt.reason).toMatch(reason);
  const reported = k.db.prepare("SELECT payload FROM outbox WHERE stream = 'catalogue' AND type = 'update.rejected' ORDER BY seq DESC LIMIT 1").get() as { payload: string };
  expect(JSON.parse(reported.payload)).toMatchObject({ role: 'catalogue', check: 'space' });
  // No staging left to pin the disk.
  const staging = join(k.dataDir, 'updates', 'staging');
  expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
}

describe('catalogue update on a disk without room (no root needed)', () => {
  let dir: string;
  let k: Kiosk;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-disk-full-'));
    k = kiosk(dir, 'K-DISK-A');
  });
  afterAll(() => {
    k.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses up front when the free space reported is below what staging and the import need', async () => {
    expect(catalogueOutcome(await k.updater().checkNow())).toMatchObject({ outcome: 'installed' });
    const serving = catalogueStats(k.db).active?.bundleVersion ?? 0;
    const versions = (k.db.prepare('SELECT COUNT(*) AS n FROM catalogue_versions').get() as { n: number }).n;
    const next = publishNext();
    let free = 10 * 1024 * 1024;
    const outcome = catalogueOutcome(await k.updater({ factor: 4, marginBytes: 8 * 1024 * 1024, free: () => free }).checkNow());
    expectRefusedAndServing(k, outcome, serving, versions, /needs about \d+ bytes free/);
    free = 1024 * 1024 * 1024;
    expect(catalogueOutcome(await k.updater({ factor: 4, marginBytes: 8 * 1024 * 1024, free: () => free }).checkNow())).toMatchObject({ version: next, outcome: 'installed' });
  }, 120_000);

  it('a staging write failing with ENOSPC (injected after some files): refused, partial files removed, retried later', async () => {
    const serving = catalogueStats(k.db).active?.bundleVersion ?? 0;
    const versions = (k.db.prepare('SELECT COUNT(*) AS n FROM catalogue_versions').get() as { n: number }).n;
    const next = publishNext();
    let written = 0;
    const full = (path: string, bytes: Buffer) => {
      if (++written > 5) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC' });
      writeDurably(path, bytes);
    };
    const outcome = catalogueOutcome(await k.updater(undefined, full).checkNow());
    expect(written).toBeGreaterThan(5);
    expectRefusedAndServing(k, outcome, serving, versions, /disk is full while staging/);
    expect(catalogueOutcome(await k.updater().checkNow())).toMatchObject({ version: next, outcome: 'installed' });
  }, 120_000);

  it('SQLite full in the middle of the import (max_page_count): rolled back, refused, retried later', async () => {
    const serving = catalogueStats(k.db).active?.bundleVersion ?? 0;
    const versions = (k.db.prepare('SELECT COUNT(*) AS n FROM catalogue_versions').get() as { n: number }).n;
    publishNext();
    // Earlier installs left free pages (pruned versions) that an import would reuse: compact first.
    k.db.exec('VACUUM');
    const pages = k.db.pragma('page_count', { simple: true }) as number;
    // Room for bookkeeping rows, not for a catalogue (hundreds of pages of items and indexes).
    k.db.pragma(`max_page_count = ${pages + 40}`);
    try {
      const outcome = catalogueOutcome(await k.updater().checkNow());
      expectRefusedAndServing(k, outcome, serving, versions, /disk filled up during the import.*nothing was switched/);
    } finally {
      k.db.pragma('max_page_count = 4294967294');
    }
    expect(catalogueOutcome(await k.updater().checkNow())).toMatchObject({ outcome: 'installed' });
  }, 120_000);
});

describe.skipIf(!canMountTmpfs())('catalogue update on a really full disk (a 64 MiB tmpfs)', () => {
  let disk: SmallDisk;
  let k: Kiosk;
  let serving = 0;
  let versions = 0;
  beforeAll(async () => {
    disk = mountSmallDisk(64 * 1024 * 1024);
    k = kiosk(disk.dir, 'K-DISK-B');
    expect(catalogueOutcome(await k.updater().checkNow())).toMatchObject({ outcome: 'installed' });
    serving = catalogueStats(k.db).active?.bundleVersion ?? 0;
    versions = (k.db.prepare('SELECT COUNT(*) AS n FROM catalogue_versions').get() as { n: number }).n;
    publishNext();
  }, 120_000);
  afterAll(() => {
    k.db.close();
    disk.unmount();
  });

  it('refuses up front when the disk cannot hold staging plus the import', async () => {
    disk.leaveFree(stagingBytes * 2);
    const outcome = catalogueOutcome(await k.updater().checkNow());
    expectRefusedAndServing(k, outcome, serving, versions, /needs about \d+ bytes free/);
    disk.clearBallast();
  }, 120_000);

  it('the disk fills while staging (ENOSPC): refused, partial files removed', async () => {
    disk.leaveFree(1024 * 1024);
    // The up-front estimate is switched off so the write itself meets the full disk.
    const outcome = catalogueOutcome(await k.updater({ factor: 0, marginBytes: 0 }).checkNow());
    expectRefusedAndServing(k, outcome, serving, versions, /disk is full while staging/);
    disk.clearBallast();
  }, 120_000);

  it('the disk fills during the SQLite import (SQLITE_FULL): the transaction rolls back, refused', async () => {
    // Empty WAL, so the import must grow it on the full disk rather than reuse old frames.
    k.db.pragma('wal_checkpoint(TRUNCATE)');
    disk.leaveFree(stagingBytes + 1024 * 1024);
    const outcome = catalogueOutcome(await k.updater({ factor: 0, marginBytes: 0 }).checkNow());
    expectRefusedAndServing(k, outcome, serving, versions, /disk filled up during the import/);
    disk.clearBallast();
  }, 120_000);

  it('installs the same version once the technician has freed space', async () => {
    expect(catalogueOutcome(await k.updater().checkNow())).toMatchObject({ outcome: 'installed' });
    expect(catalogueStats(k.db).active).toMatchObject({ bundleVersion: platform.updates.mustState().catalogue.version, itemCount: 530 });
    expect(k.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 120_000);
});
