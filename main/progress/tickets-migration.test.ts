import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { migrations } from '../db/migrations';
import { ManualClock, sequentialIds } from '../util/clock';
import { QueueNumbers } from './queue-numbers';
import { DEMO_HALL, serviceHallOf } from './service-hall';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-tickets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 004 (tickets)', () => {
  it('upgrades a version-3 database: ticket_jobs has exactly the agreed columns, earlier rows survive', () => {
    const path = join(dir, 'kiosk.db');
    const old = openDatabase(path, { migrations: migrations.slice(0, 3) });
    old.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('kept', 'yes', 1)").run();
    old.close();
    const db = openDatabase(path, { migrations: migrations.slice(0, 4) });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'kept'").pluck().get()).toBe('yes');
    const columns = db.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info('ticket_jobs') ORDER BY cid").all();
    expect(columns).toEqual([
      { name: 'id', type: 'TEXT', notnull: 1, pk: 1 },
      { name: 'created_at', type: 'INTEGER', notnull: 1, pk: 0 },
      { name: 'kind', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'state', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'reason', type: 'TEXT', notnull: 0, pk: 0 },
    ]);
    db.prepare("INSERT INTO ticket_jobs (id, created_at, kind, state, reason) VALUES ('t1', 1, 'test', 'printed', NULL)").run();
    expect(() => db.prepare("INSERT INTO ticket_jobs (id, created_at, kind, state) VALUES ('t2', 1, 'coupon', 'printed')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO ticket_jobs (id, created_at, kind, state) VALUES ('t3', 1, 'slip', 'lost')").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('queue numbers', () => {
  it('count from 1 per category and day (Guangzhou time); waiting counts the numbers not yet called', async () => {
    const db = openDatabase(join(dir, 'kiosk.db'));
    // 2026-11-28 23:50 in Guangzhou.
    const clock = new ManualClock(Date.UTC(2026, 10, 28, 15, 50));
    const queue = new QueueNumbers(db, clock, sequentialIds('q'));
    const [a, b] = DEMO_HALL.categories;
    const print = async () => {};
    expect((await queue.issue(a!, print)).number).toBe('A001');
    expect(await queue.issue(a!, print)).toMatchObject({ number: 'A002', waiting: 1 });
    expect((await queue.issue(b!, print)).number).toBe('B001');
    expect(queue.callNext(a!.id)).toBe('1');
    expect(queue.waiting(a!.id)).toBe(1);
    // A failed ticket gives its number back.
    await expect(queue.issue(a!, async () => Promise.reject(new Error('paper out')))).rejects.toThrow('paper out');
    expect((await queue.issue(a!, print)).number).toBe('A003');
    // Past midnight in Guangzhou the numbers start again.
    clock.advance(15 * 60_000);
    expect(queue.waiting(a!.id)).toBe(0);
    expect((await queue.issue(a!, print)).number).toBe('A001');
    db.close();
  });

  it('the hall comes from the platform configuration, the sample hall only in the demo', () => {
    const db = openDatabase(join(dir, 'kiosk.db'));
    expect(serviceHallOf(db, false)).toBeNull();
    expect(serviceHallOf(db, true)).toEqual(DEMO_HALL);
    const hall = { name: '南华西街便民服务中心', nameEn: 'Nanhuaxi Service Centre', categories: [{ id: 'tax', name: '税务', nameEn: 'Tax', prefix: 'T' }] };
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('platform_config', ?, 1)").run(JSON.stringify({ version: 2, values: { serviceHall: hall } }));
    expect(serviceHallOf(db, false)).toEqual(hall);
    // A malformed setting is ignored rather than half-used.
    db.prepare("UPDATE settings SET value = ? WHERE key = 'platform_config'").run(JSON.stringify({ version: 3, values: { serviceHall: { name: 'x' } } }));
    expect(serviceHallOf(db, false)).toBeNull();
    db.close();
  });
});
