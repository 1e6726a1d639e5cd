import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../contract/errors';
import { openDatabase, schemaVersion, type Db } from '../db/database';
import { migrations } from '../db/migrations';
import { createLogger } from '../log/logger';
import { ManualClock, sequentialIds } from '../util/clock';
import { EVENT_OVERHEAD_BYTES, Outbox, type Stream } from './outbox';
import { limitLevel, limitsFromPlatformConfig, recovered, wouldExceed, type OutboxLimits } from './outbox-limits';
import type { Timers } from './backoff';
import { SyncService } from './sync-service';

// The outbox cap on real SQLite files: shedding usage first, refusing priority-0 events (and with them
// their business rows) at the cap, alarms as fault events, and totals that never drift from the rows.

let dir: string;
let db: Db;
let clock: ManualClock;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-outbox-limits-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  clock = new ManualClock();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
const printJob = (id: string) => db.prepare("INSERT INTO print_jobs (id, created_at, updated_at, printer, kind, state) VALUES (?, 0, 0, 'page', 'certificate', 'done')").run(id);
/** Timers that never fire: these tests drive every step themselves. */
const frozenTimers: Timers = { setTimeout: () => ({}), clearTimeout: () => undefined };
const truth = () => db.prepare("SELECT COUNT(*) AS rows, COALESCE(SUM(bytes), 0) AS bytes FROM outbox WHERE state = 'pending'").get() as { rows: number; bytes: number };

describe('migration 006 (outbox totals)', () => {
  it('upgrades a version 5 database and counts the rows already pending', () => {
    const path = join(dir, 'old.db');
    const old = openDatabase(path, { migrations: migrations.slice(0, 5) });
    // An outbox of version 5 has no totals table yet: write rows the way version 5 did.
    const insert = old.prepare("INSERT INTO outbox (event_id, stream, priority, type, payload, bytes, occurred_at, boot_id, mono_ms, state) VALUES (?, 'usage', 1, 'screen.view', '{}', 222, 0, 'b', 0, ?)");
    insert.run('a', 'pending');
    insert.run('b', 'pending');
    insert.run('c', 'acked');
    old.close();
    const upgraded = openDatabase(path);
    expect(schemaVersion(upgraded)).toBe(6);
    expect(new Outbox(upgraded, { clock, ids: sequentialIds('new'), bootId: 'b' }).totals()).toEqual({ rows: 2, bytes: 444 });
    upgraded.close();
  });

  it('keeps the totals equal to the pending rows through enqueue, settle, requeue, dead letters and purge', () => {
    const outbox = new Outbox(db, { clock, ids: sequentialIds('evt'), bootId: 'b' });
    const streams: Stream[] = ['usage', 'fault', 'print_audit', 'heartbeat', 'email_request'];
    const seqs: number[] = [];
    for (let i = 0; i < 60; i++) {
      const e = outbox.enqueue({ stream: streams[i % streams.length] as Stream, type: 'load.test', payload: { i, pad: 'x'.repeat(i) } });
      if (!e.coalesced) seqs.push(e.seq);
    }
    expect(outbox.totals()).toEqual(truth());
    outbox.settle(seqs.slice(0, 30).map((seq) => ({ seq, status: seq % 7 === 0 ? ('rejected' as const) : ('accepted' as const), reason: null })), null);
    expect(outbox.totals()).toEqual(truth());
    outbox.deadLetterLocally(seqs[40] as number, 'refused alone');
    expect(outbox.totals()).toEqual(truth());
    outbox.requeueAckedAbove(10);
    expect(outbox.totals()).toEqual(truth());
    outbox.settle(seqs.map((seq) => ({ seq, status: 'duplicate' as const, reason: null })), null);
    clock.advance(10_000);
    outbox.purgeAcked(1);
    expect(outbox.totals()).toEqual(truth());
    expect(outbox.totals().rows).toBe(count("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'"));
  });
});

describe('limit levels (pure)', () => {
  const limits: OutboxLimits = { maxRows: 10, maxBytes: 10_000, shedAt: 0.8 };
  it('sheds from 80 % and refuses at the cap, by rows or by bytes', () => {
    expect(wouldExceed({ rows: 7, bytes: 0 }, 100, limits, 0.8)).toBe(false);
    expect(wouldExceed({ rows: 8, bytes: 0 }, 100, limits, 0.8)).toBe(true);
    expect(wouldExceed({ rows: 0, bytes: 7_950 }, 100, limits, 0.8)).toBe(true);
    expect(wouldExceed({ rows: 9, bytes: 0 }, 100, limits, 1)).toBe(false);
    expect(wouldExceed({ rows: 10, bytes: 0 }, 100, limits, 1)).toBe(true);
    expect(limitLevel({ rows: 3, bytes: 0 }, limits, { shed: 0, refused: 0 })).toBe('ok');
    expect(limitLevel({ rows: 8, bytes: 0 }, limits, { shed: 0, refused: 0 })).toBe('shedding');
    expect(limitLevel({ rows: 3, bytes: 0 }, limits, { shed: 0, refused: 1 })).toBe('full');
    expect(recovered({ rows: 4, bytes: 0 }, limits)).toBe(true);
    expect(recovered({ rows: 5, bytes: 0 }, limits)).toBe(false);
  });
});

describe('the outbox at its cap', () => {
  const limits: OutboxLimits = { maxRows: 20, maxBytes: 1_000_000, shedAt: 0.5 };
  const alarms: string[] = [];
  const service = () =>
    new SyncService({
      db,
      client: { kioskId: 'K-CAP', uploadEvents: () => Promise.reject(new KioskError('PLATFORM_UNREACHABLE', 'offline')) },
      clock,
      ids: sequentialIds('cap'),
      bootId: 'b',
      timers: frozenTimers,
      logger: createLogger('outbox-limits-test'),
      outboxLimits: limits,
      onAlarm: (a) => alarms.push(`${a.kind}: ${a.detail}`),
    });

  it('sheds usage first, then refuses a print with its business row, raises fault alarms, and clears them after the drain', async () => {
    alarms.length = 0;
    const sync = service();
    const outbox = sync.outbox;
    // Usage fills the outbox to the shedding threshold (10 rows), then is shed at the door.
    const usage = Array.from({ length: 14 }, (_, i) => db.transaction(() => outbox.enqueueIn(db, { stream: 'usage', type: 'screen.view', payload: { i } }))());
    expect(usage.filter((e) => e.shed)).toHaveLength(4);
    expect(usage.filter((e) => e.shed).every((e) => e.seq === 0 && e.eventId === '')).toBe(true);
    expect(count("SELECT COUNT(*) AS n FROM outbox WHERE stream = 'usage'")).toBe(10);
    // A shed event does not consume a seq: no hole for the platform's contiguous acknowledgement.
    expect(db.prepare('SELECT seq FROM outbox ORDER BY seq').all().map((r) => (r as { seq: number }).seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    await Promise.resolve();
    // The review ran after the shedding transaction: a fault event and an alarm.
    expect(alarms.some((a) => a.startsWith('outbox_limit') && a.includes('shedding'))).toBe(true);
    expect(count("SELECT COUNT(*) AS n FROM outbox WHERE type = 'outbox.limit_reached'")).toBe(1);
    expect(sync.status().outboxLimit).toMatchObject({ level: 'shedding', shedEvents: 4, refusedEvents: 0 });

    // Priority-0 events still fit in the reserved headroom …
    const printed: string[] = [];
    for (let i = 0; ; i++) {
      try {
        db.transaction(() => {
          printJob(`job-${i}`);
          outbox.enqueueIn(db, { stream: 'print_audit', type: 'print.completed', payload: { job: `job-${i}` } });
        })();
        printed.push(`job-${i}`);
      } catch (error) {
        // … until the cap: the print is refused together with its audit row (nothing half-written).
        expect(error).toBeInstanceOf(KioskError);
        expect((error as KioskError).code).toBe('MAINTENANCE_REQUIRED');
        expect((error as KioskError).detail?.cause).toBe('outbox_full');
        break;
      }
    }
    expect(printed).toHaveLength(20 - 11);
    expect(count('SELECT COUNT(*) AS n FROM print_jobs')).toBe(printed.length);
    expect(count("SELECT COUNT(*) AS n FROM outbox WHERE stream = 'print_audit'")).toBe(printed.length);
    // Faults are refused at the cap too, never shed.
    expect(() => outbox.enqueue({ stream: 'fault', type: 'printer.jam', payload: {} })).toThrow(/outbox is full/);
    await Promise.resolve();
    expect(alarms.some((a) => a.includes('at level full'))).toBe(true);
    expect(count("SELECT COUNT(*) AS n FROM outbox WHERE type = 'outbox.limit_reached'")).toBe(2);
    expect(sync.status().outboxLimit).toMatchObject({ level: 'full', shedEvents: 4, refusedEvents: 2 });
    // The one coalesced heartbeat is always written, carrying the limit state.
    sync.recordHeartbeat({ devices: [] });
    const heartbeat = JSON.parse((db.prepare("SELECT payload FROM outbox WHERE stream = 'heartbeat'").get() as { payload: string }).payload) as { outbox: { limit: unknown } };
    expect(heartbeat.outbox.limit).toMatchObject({ level: 'full', shedEvents: 4, refusedEvents: 2 });

    // The network comes back: the platform acknowledges everything, the episode closes with a summary.
    const pending = db.prepare("SELECT seq FROM outbox WHERE state = 'pending'").all() as { seq: number }[];
    outbox.settle(pending.map(({ seq }) => ({ seq, status: 'accepted' as const, reason: null })), clock.now());
    sync.reviewCapacity();
    const cleared = db.prepare("SELECT payload FROM outbox WHERE type = 'outbox.limit_cleared'").get() as { payload: string } | undefined;
    expect(JSON.parse(cleared?.payload ?? 'null')).toMatchObject({ shedEvents: 4, refusedEvents: 2 });
    expect(sync.status().outboxLimit).toMatchObject({ level: 'ok', shedEvents: 0, refusedEvents: 0 });
    // Usage is written again.
    expect(outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} }).shed).toBe(false);
    // And the totals still match the rows.
    expect(outbox.totals()).toEqual(truth());
  });

  it('caps by bytes as well as rows', () => {
    const outbox = new Outbox(db, { clock, ids: sequentialIds('b'), bootId: 'b', limits: { maxRows: 1_000, maxBytes: 10 * (EVENT_OVERHEAD_BYTES + 1_000), shedAt: 0.5 } });
    const big = { pad: 'x'.repeat(990) };
    const usage = Array.from({ length: 8 }, () => outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: big }));
    expect(usage.filter((e) => !e.shed).length).toBeLessThanOrEqual(5);
    expect(usage.some((e) => e.shed)).toBe(true);
    let accepted = 0;
    expect(() => {
      for (;;) {
        outbox.enqueue({ stream: 'email_request', type: 'form.email', payload: big });
        accepted++;
      }
    }).toThrow(/outbox is full/);
    expect(accepted).toBeGreaterThan(0);
    expect(outbox.totals().bytes).toBeLessThanOrEqual(10 * (EVENT_OVERHEAD_BYTES + 1_000));
  });

  it('a rolled-back transaction sheds nothing', () => {
    const outbox = new Outbox(db, { clock, ids: sequentialIds('r'), bootId: 'b', limits: { maxRows: 2, maxBytes: 1e9, shedAt: 0.5 } });
    outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} });
    expect(() =>
      db.transaction(() => {
        expect(outbox.enqueueIn(db, { stream: 'usage', type: 'screen.view', payload: {} }).shed).toBe(true);
        throw new Error('caller failed');
      })(),
    ).toThrow('caller failed');
    expect(outbox.capacity().shedEvents).toBe(0);
  });
});

describe('limits from the platform config', () => {
  it('reads a valid policy, defaults shedAt, and refuses malformed ones', () => {
    expect(limitsFromPlatformConfig(undefined)).toBeNull();
    expect(limitsFromPlatformConfig({ other: 1 })).toBeNull();
    expect(limitsFromPlatformConfig({ outboxLimits: { maxRows: 5_000, maxBytes: 8 * 1024 * 1024 } })).toEqual({ maxRows: 5_000, maxBytes: 8 * 1024 * 1024, shedAt: 0.8 });
    expect(() => limitsFromPlatformConfig({ outboxLimits: { maxRows: 5, maxBytes: 8 * 1024 * 1024 } })).toThrow(/maxRows/);
    expect(() => limitsFromPlatformConfig({ outboxLimits: { maxRows: 5_000, maxBytes: 8 * 1024 * 1024, shedAt: 2 } })).toThrow(/invalid outbox limits/);
    expect(() => limitsFromPlatformConfig({ outboxLimits: { maxRows: 5_000, maxBytes: 8 * 1024 * 1024, typo: 1 } })).toThrow(/unknown fields typo/);
    expect(() => limitsFromPlatformConfig({ outboxLimits: [] })).toThrow(/object/);
  });

  it('a lower cap applied at run time takes effect on the next enqueue', () => {
    const outbox = new Outbox(db, { clock, ids: sequentialIds('s'), bootId: 'b' });
    for (let i = 0; i < 5; i++) outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} });
    outbox.setLimits({ maxRows: 4, maxBytes: 1e9, shedAt: 0.5 });
    expect(outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} }).shed).toBe(true);
    expect(() => outbox.enqueue({ stream: 'fault', type: 'printer.jam', payload: {} })).toThrow(/outbox is full/);
  });
});
