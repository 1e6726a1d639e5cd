import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredential } from '../../../fixtures/platform/server';
import { openDatabase, type Db } from '../../../main/db/database';
import { createLogger } from '../../../main/log/logger';
import { checkQrLinksConfig, qrLinksOf } from '../../../main/progress/qr-links';
import { checkServiceHallConfig, DEMO_HALL, serviceHallOf } from '../../../main/progress/service-hall';
import { DEFAULT_OUTBOX_LIMITS, limitsFromPlatformConfig } from '../../../main/sync/outbox-limits';
import { PlatformClient } from '../../../main/sync/platform-client';
import { platformConfigTarget } from '../../../main/sync/platform-link';
import { SignedUpdater } from '../../../main/sync/signed-updater';
import { SyncService } from '../../../main/sync/sync-service';
import { readPlatformConfig } from '../../../main/sync/update-targets';
import { ManualClock, sequentialIds, systemClock } from '../../../main/util/clock';
import { frozenTimers, startPlatform, type Platform } from './harness';

// The outbox cap is fleet policy: a signed platform config carries `outboxLimits`; a malformed one
// is refused at the semantic check, a good one applies to the running outbox right after the switch.

let platform: Platform;
let dir: string;
let db: Db;
let sync: SyncService;
let updater: SignedUpdater;

beforeAll(async () => {
  platform = await startPlatform();
  dir = mkdtempSync(join(tmpdir(), 'kiosk-limits-config-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  const clock = new ManualClock(Date.now());
  const client = new PlatformClient({ baseUrl: platform.url, kioskId: 'K-LIMITS', credential: demoCredential('K-LIMITS'), clock: systemClock, timeoutMs: 10_000 });
  sync = new SyncService({ db, client, clock, ids: sequentialIds('lim'), bootId: 'b', timers: frozenTimers, random: () => 0, logger: createLogger('limits-config-test') });
  updater = new SignedUpdater({
    db,
    client,
    outbox: sync.outbox,
    clock,
    logger: createLogger('limits-config-test'),
    dataDir: dir,
    appVersion: '0.1.0',
    buildTime: Date.UTC(2026, 0, 1),
    pinned: { rootKeys: platform.updates.initialRootKeys().map((k) => k.spkiBase64), threshold: 1 },
    // As main/app.ts wires it: the service hall and the QR addresses are checked too.
    targets: [platformConfigTarget(db, sync, clock, [checkServiceHallConfig, checkQrLinksConfig])],
  });
}, 60_000);
afterAll(async () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
  await platform.stop();
});

const publishConfig = (values: Record<string, unknown>) => platform.updates.publish('config', [{ path: 'config.json', bytes: Buffer.from(JSON.stringify(values)) }]);

describe('outbox limits from the signed platform config', () => {
  it('keeps the defaults while the config has none', async () => {
    expect(await updater.checkNow()).toMatchObject([{ role: 'config', outcome: 'installed' }]);
    expect(sync.outbox.limits).toEqual(DEFAULT_OUTBOX_LIMITS);
  }, 60_000);

  it('refuses a config whose cap is malformed, and keeps the limits in force', async () => {
    const version = publishConfig({ idleTimeoutSeconds: 90, outboxLimits: { maxRows: 5, maxBytes: 1024 } });
    expect(await updater.checkNow()).toMatchObject([{ role: 'config', version, outcome: 'rejected', check: 'semantic' }]);
    expect(sync.outbox.limits).toEqual(DEFAULT_OUTBOX_LIMITS);
    expect(readPlatformConfig(db)?.version).toBe(version - 1);
  }, 60_000);

  it('applies a valid cap right after the switch; a restart reads the same from the installed config', async () => {
    const limits = { maxRows: 2_000, maxBytes: 2 * 1024 * 1024, shedAt: 0.5 };
    const version = publishConfig({ idleTimeoutSeconds: 90, outboxLimits: limits });
    expect(await updater.checkNow()).toMatchObject([{ role: 'config', version, outcome: 'installed' }]);
    expect(sync.outbox.limits).toEqual(limits);
    expect(limitsFromPlatformConfig(readPlatformConfig(db)?.values)).toEqual(limits);
  }, 60_000);
});

describe('the service hall and the QR addresses from the signed platform config', () => {
  it('refuses a config with a malformed hall or QR address; the installed one keeps serving', async () => {
    const installed = readPlatformConfig(db)?.version;
    for (const values of [
      { serviceHall: { name: '大厅', nameEn: 'Hall', categories: [] } },
      { qrLinks: { case: 'http://insecure.example/{number}' } },
      { qrLinks: { queue: 'https://zwfw.haizhu.gov.cn/queue?n={numbr}' } },
      { qrLinks: { receipt: 'https://zwfw.haizhu.gov.cn/{number}' } },
    ]) {
      const version = publishConfig(values);
      expect(await updater.checkNow(), JSON.stringify(values)).toMatchObject([{ role: 'config', version, outcome: 'rejected', check: 'semantic' }]);
      expect(readPlatformConfig(db)?.version).toBe(installed);
    }
  }, 120_000);

  it('installs valid ones: the kiosk stands in that hall and prints those addresses', async () => {
    const hall = { ...DEMO_HALL, name: '南华西街道便民服务中心' };
    const qrLinks = { case: 'https://zwfw.haizhu.gov.cn/p/{number}', queue: 'https://zwfw.haizhu.gov.cn/q/{kiosk}/{number}' };
    const version = publishConfig({ serviceHall: hall, qrLinks });
    expect(await updater.checkNow()).toMatchObject([{ role: 'config', version, outcome: 'installed' }]);
    expect(serviceHallOf(db, false)?.name).toBe('南华西街道便民服务中心');
    expect(qrLinksOf(readPlatformConfig(db)?.values)).toEqual(qrLinks);
  }, 60_000);
});
