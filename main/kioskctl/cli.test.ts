import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { run } from './cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kioskctl-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('kioskctl', () => {
  it('prints help', async () => {
    const { code, out } = await run(['help']);
    expect(code).toBe(0);
    expect(out).toMatch(/status \[--json\]/);
    expect(out).toMatch(/config check <file>/);
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it('reports status as JSON, before and after the database exists', async () => {
    const env = { KIOSK_DATA_DIR: dir, HOME: dir };
    const before = JSON.parse((await run(['status', '--json'], env)).out);
    expect(before).toMatchObject({ profile: 'demo', dataDir: dir, database: { exists: false } });
    openDatabase(join(dir, 'kiosk.db')).close();
    const after = JSON.parse((await run(['status', '--json'], env)).out);
    expect(after.database).toMatchObject({ exists: true, quickCheck: 'ok' });
    expect(after.database.schemaVersion).toBe(after.database.latestSchemaVersion);
    expect(after.sync).toMatchObject({ pending: 0, deadLetters: 0 });
    expect((await run(['status'], env)).out).toMatch(/quick_check ok/);
    // No kiosk answers on the control socket: the files' view only.
    expect(after.live).toBeNull();
    expect((await run(['status'], env)).out).toMatch(/^running {5}no /m);
  });

  it('checks a config file and names the bad field', async () => {
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        kioskId: 'hz-01',
        location: '海珠区政务服务中心',
        platform: { url: 'https://platform.example.gov.cn' },
        devices: { idReaderPort: '/dev/ttyUSB0', ssReader: 'hid:0x1234:0x5678', ticketPrinterPort: '/dev/ttyS1', pagePrinter: 'ipp://127.0.0.1:631/printers/A4' },
      }),
    );
    expect(await run(['config', 'check', good], { HOME: dir })).toEqual({ code: 0, out: `${good}: ok (profile production, kiosk hz-01)` });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ kioskId: 'hz-01', location: 'x', platform: { url: 'http://platform.example.gov.cn' } }));
    const result = await run(['config', 'check', bad], { HOME: dir });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/devices\.|platform\.url/);
    expect((await run(['config', 'check'], {})).code).toBe(2);
  });
});

describe('kioskctl hash-pin', () => {
  it('makes a hash the kiosk accepts', async () => {
    const { verifyPin } = await import('../maintenance/pin');
    const { code, out } = await run(['hash-pin', '13579']);
    expect(code).toBe(0);
    expect(verifyPin('13579', out)).toBe(true);
    expect((await run(['hash-pin', 'abc'])).code).toBe(2);
  });
});

describe('kioskctl hash-card', () => {
  it('makes a hash the kiosk matches against the card number, never containing it', async () => {
    const { verifyCardNumber } = await import('../maintenance/pin');
    const { code, out } = await run(['hash-card', 'T09000017']);
    expect(code).toBe(0);
    expect(out).not.toContain('T09000017');
    expect(verifyCardNumber('T09000017', out)).toBe(true);
    expect((await run(['hash-card', '12'])).code).toBe(2);
  });
});

describe('kioskctl verify', () => {
  it('verifies a certificate signed by this kiosk and refuses one from an unknown key', { timeout: 60_000 }, async () => {
    const { loadOrCreateKioskKey } = await import('../certificates/kiosk-key');
    const { issueCertificate } = await import('../certificates/issue');
    const own = join(dir, 'own');
    const other = join(dir, 'other');
    const person = { name: '张三', idNumber: '440105195803129994', gender: '1', birth: '19580312' };
    const record = {
      householdNumber: '440105-0012345', relation: '户主', householdHead: '张三', registeredAddress: '广州市海珠区江南大道中123号',
      policeStation: '江南中派出所', registeredSince: '19880410', members: [{ name: '张三', relation: '户主' }],
    };
    for (const [dataDir, file] of [[own, 'mine.pdf'], [other, 'theirs.pdf']] as const) {
      const cert = await issueCertificate(person, { type: 'household', record }, {
        number: 'HJ-20261128-TEST-0001', kioskId: 'k1', key: loadOrCreateKioskKey(dataDir), now: Date.UTC(2026, 10, 28),
      });
      writeFileSync(join(dir, file), cert.pdf);
    }
    const env = { KIOSK_DATA_DIR: own, HOME: dir };
    const good = await run(['verify', join(dir, 'mine.pdf')], env);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/valid — 户籍证明 HJ-20261128-TEST-0001/);
    expect(good.out).not.toContain('张三');
    expect(await run(['verify', join(dir, 'theirs.pdf')], env)).toMatchObject({ code: 1, out: expect.stringMatching(/NOT valid \(unknown-key\)/) });
    const theirKey = (await import('../certificates/kiosk-key')).readPublicKey(other)!.publicKey;
    expect((await run(['verify', join(dir, 'theirs.pdf'), '--key', theirKey], env)).code).toBe(0);
  });
});

describe('kioskctl catalogue', () => {
  it('reports stats, searches like the screen and refuses a rollback with nothing to go back to', async () => {
    const { installCatalogue } = await import('../catalogue');
    const { DEMO_BUNDLE_DIR } = await import('../catalogue/catalogue-service');
    const db = openDatabase(join(dir, 'kiosk.db'));
    installCatalogue(db, DEMO_BUNDLE_DIR, { source: 'test' });
    db.close();
    const env = { KIOSK_DATA_DIR: dir, HOME: dir };
    const stats = JSON.parse((await run(['catalogue', 'stats', '--json'], env)).out);
    expect(stats).toMatchObject({ departments: 22, items: 530, byLevel: { district: 447, street: 83 } });
    const results = JSON.parse((await run(['catalogue', 'search', 'hjzm', '--json'], env)).out);
    expect(results[0]).toMatchObject({ item: { title: '户籍证明' }, matchedBy: 'initials' });
    expect((await run(['catalogue', 'search', '户籍'], env)).out).toMatch(/^ 1\. \[户籍\]证明/);
    const rollback = await run(['catalogue', 'rollback'], env);
    expect(rollback.code).toBe(1);
    expect((await run(['catalogue', 'bogus'], env)).code).toBe(2);
  }, 60_000);
});

describe('kioskctl catalogue verify/install and sync status', () => {
  it('verifies a bundle check by check, installs it, then refuses the same version again', async () => {
    const { DEMO_BUNDLE_DIR } = await import('../catalogue/catalogue-service');
    openDatabase(join(dir, 'kiosk.db')).close();
    const env = { KIOSK_DATA_DIR: dir, HOME: dir };
    const verify = await run(['catalogue', 'verify', DEMO_BUNDLE_DIR], env);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/FAIL signature +no signed manifest given/);
    expect(verify.out).toMatch(/ok {3}semantic/);
    expect(verify.out).toMatch(/ok {3}version +v\d+ is newer than the installed v0/);
    const install = await run(['catalogue', 'install', DEMO_BUNDLE_DIR], env);
    expect(install).toMatchObject({ code: 0, out: expect.stringMatching(/installed catalogue version \d+ \(530 items\)/) });
    const again = await run(['catalogue', 'install', DEMO_BUNDLE_DIR], env);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/FAIL version/);
    const sync = JSON.parse((await run(['sync', 'status', '--json'], env)).out);
    expect(sync).toMatchObject({ pending: 0, deadLetters: 0 });
  }, 60_000);

  it('sync now with the kiosk stopped delivers from the data directory through the platform link (demo simulator)', async () => {
    const env = { KIOSK_DATA_DIR: dir, HOME: dir, KIOSK_LOG_LEVEL: 'error' };
    expect(await run(['sync', 'now'], env)).toEqual({ code: 1, out: 'no kiosk database yet: start the kiosk once first' });
    const { Outbox } = await import('../sync/outbox');
    const { randomIds, systemClock } = await import('../util/clock');
    const db = openDatabase(join(dir, 'kiosk.db'));
    const outbox = new Outbox(db, { clock: systemClock, ids: randomIds, bootId: 'test' });
    db.transaction(() => outbox.enqueueIn(db, { stream: 'usage', type: 'maintenance.action', payload: { action: 'test' } }))();
    db.close();
    expect(JSON.parse((await run(['sync', 'status', '--json'], env)).out)).toMatchObject({ pending: 1 });
    const now = await run(['sync', 'now', '--json'], env);
    expect(now.code).toBe(0);
    expect(JSON.parse(now.out)).toMatchObject({ online: true, pending: 0, deadLetters: 0 });
    expect(JSON.parse((await run(['sync', 'status', '--json'], env)).out)).toMatchObject({ pending: 0 });
    // Nothing left to send: it still asks the platform, and says it answered.
    expect((await run(['sync', 'now'], env)).out).toMatch(/^online: 0 pending/);
  }, 90_000);
});

describe('kioskctl audit', () => {
  it('verifies the chain, reports the first broken link and exports masked entries', async () => {
    const { AuditLog } = await import('../audit/audit-log');
    const { ManualClock } = await import('../util/clock');
    const db = openDatabase(join(dir, 'kiosk.db'));
    const audit = new AuditLog(db, new ManualClock(Date.UTC(2026, 10, 1)));
    for (let i = 0; i < 3; i++) audit.append('technician', 'maintenance.signIn', { attempt: i, idNumber: '440105195803129994' });
    const env = { KIOSK_DATA_DIR: dir, HOME: dir };
    expect(await run(['audit', 'verify'], env)).toEqual({ code: 0, out: 'audit log intact: 3 entries, every link verified' });
    const exported = (await run(['audit', 'export', '--since', '2026-10-01'], env)).out.split('\n');
    expect(exported).toHaveLength(3);
    expect(JSON.parse(exported[0]!)).toMatchObject({ seq: 1, at: '2026-11-01T00:00:00.000Z', detail: { idNumber: '440105********9994' } });
    expect((await run(['audit', 'export', '--since', 'yesterday-ish'], env)).code).toBe(2);
    db.prepare("UPDATE audit_log SET detail = '{}' WHERE seq = 2").run();
    db.close();
    expect(await run(['audit', 'verify'], env)).toEqual({ code: 1, out: 'audit log BROKEN at entry 2: row content does not match its hash (2 entries read)' });
  });
});

describe('kioskctl certificate sample', () => {
  it('renders a sample resident\'s certificate from the platform simulator, and verify accepts it', async () => {
    const env = { KIOSK_DATA_DIR: dir, HOME: dir };
    const out = join(dir, 'sample.pdf');
    const made = await run(['certificate', 'sample', 'family-planning', '--resident', 'R003', '--out', out], env);
    expect(made).toMatchObject({ code: 0, out: expect.stringMatching(/family-planning certificate HY-\d{8}-\w{4}-9\d{3} for sample resident R003/) });
    expect((await run(['verify', out], env)).out).toMatch(/valid — 婚育情况证明/);
    expect((await run(['certificate', 'sample', 'household', '--resident', 'R999', '--out', out], env)).code).toBe(1);
    expect((await run(['certificate', 'sample', 'passport', '--out', out], env)).code).toBe(2);
  }, 120_000);
});
