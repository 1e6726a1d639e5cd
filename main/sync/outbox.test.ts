import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../db/database';
import { migrations } from '../db/migrations';
import { ManualClock, sequentialIds } from '../util/clock';
import { EVENT_OVERHEAD_BYTES, Outbox } from './outbox';

let dir: string;
let db: Db;
let clock: ManualClock;
let outbox: Outbox;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-outbox-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  clock = new ManualClock();
  outbox = new Outbox(db, { clock, ids: sequentialIds('evt'), bootId: 'boot-1' });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const printJob = (id: string) => db.prepare("INSERT INTO print_jobs (id, created_at, updated_at, printer, kind, state) VALUES (?, 0, 0, 'page', 'certificate', 'done')").run(id);
const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('migration 003', () => {
  it('upgrades a database built by the previous version', () => {
    const path = join(dir, 'old.db');
    openDatabase(path, { migrations: migrations.slice(0, 2) }).close();
    const upgraded = openDatabase(path, { migrations: migrations.slice(0, 3) });
    expect(schemaVersion(upgraded)).toBe(3);
    expect(upgraded.prepare("SELECT name FROM sqlite_master WHERE name IN ('outbox', 'outbox_dead_letters', 'sync_state') ORDER BY name").all()).toHaveLength(3);
    upgraded.close();
  });
});

describe('Outbox.enqueueIn', () => {
  it('commits the event together with the business row', () => {
    db.transaction(() => {
      printJob('job-1');
      outbox.enqueueIn(db, { stream: 'print_audit', type: 'print.completed', payload: { job: 'job-1' } });
    })();
    expect(count('SELECT COUNT(*) AS n FROM print_jobs')).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM outbox')).toBe(1);
  });

  it('rolls back with the business row', () => {
    expect(() =>
      db.transaction(() => {
        printJob('job-2');
        outbox.enqueueIn(db, { stream: 'print_audit', type: 'print.completed', payload: { job: 'job-2' } });
        throw new Error('printer said no');
      })(),
    ).toThrow('printer said no');
    expect(count('SELECT COUNT(*) AS n FROM print_jobs')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM outbox')).toBe(0);
  });

  it('refuses to run outside a transaction', () => {
    expect(() => outbox.enqueueIn(db, { stream: 'usage', type: 'screen.view', payload: {} })).toThrow(/inside db.transaction/);
  });

  it('rejects unknown streams and malformed types', () => {
    expect(() => outbox.enqueue({ stream: 'nope' as 'usage', type: 'a.b', payload: {} })).toThrow(/stream/);
    expect(() => outbox.enqueue({ stream: 'usage', type: 'Bad Type', payload: {} })).toThrow(/type/);
  });
});

describe('Outbox batches', () => {
  it('drains faults, audits and email before usage, and heartbeats last, in seq order within a class', () => {
    outbox.enqueue({ stream: 'heartbeat', type: 'heartbeat', payload: { n: 1 } });
    outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} });
    outbox.enqueue({ stream: 'fault', type: 'printer.jam', payload: {} });
    outbox.enqueue({ stream: 'email_request', type: 'form.email', payload: {} });
    outbox.enqueue({ stream: 'print_audit', type: 'print.completed', payload: {} });
    expect(outbox.nextBatch(10, 1e6).map((e) => e.stream)).toEqual(['fault', 'email_request', 'print_audit', 'usage', 'heartbeat']);
  });

  it('keeps at most one pending heartbeat, refreshed in place until it is first sent', () => {
    const a = outbox.enqueue({ stream: 'heartbeat', type: 'heartbeat', payload: { n: 1 } });
    const b = outbox.enqueue({ stream: 'heartbeat', type: 'heartbeat', payload: { n: 2 } });
    expect(b).toEqual({ ...a, coalesced: true });
    expect(JSON.parse(outbox.nextBatch(10, 1e6)[0]?.payloadJson ?? '')).toEqual({ n: 2 });
    outbox.markAttempt([a.seq]);
    const c = outbox.enqueue({ stream: 'heartbeat', type: 'heartbeat', payload: { n: 3 } });
    expect(c.seq).toBe(a.seq);
    // Once sent, its bytes stay what was sent, so a resend is identical.
    expect(JSON.parse(outbox.nextBatch(10, 1e6)[0]?.payloadJson ?? '')).toEqual({ n: 2 });
    expect(count("SELECT COUNT(*) AS n FROM outbox WHERE stream = 'heartbeat' AND state = 'pending'")).toBe(1);
  });

  it('bounds a batch by count and by bytes, but always returns at least one event', () => {
    for (let i = 0; i < 10; i++) outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: { pad: 'x'.repeat(100) } });
    const eventBytes = JSON.stringify({ pad: 'x'.repeat(100) }).length + EVENT_OVERHEAD_BYTES;
    expect(outbox.nextBatch(4, 1e6)).toHaveLength(4);
    expect(outbox.nextBatch(10, eventBytes * 3)).toHaveLength(3);
    expect(outbox.nextBatch(10, 1)).toHaveLength(1);
  });
});

describe('Outbox settlement', () => {
  it('acks, dead-letters rejections, and reports the contiguous acknowledged prefix', () => {
    const seqs = [1, 2, 3, 4].map(() => outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} }).seq);
    outbox.settle(
      [
        { seq: seqs[0] as number, status: 'accepted', reason: null },
        { seq: seqs[1] as number, status: 'rejected', reason: 'bad payload' },
        { seq: seqs[3] as number, status: 'duplicate', reason: null },
      ],
      clock.now(),
    );
    expect(outbox.stats()).toMatchObject({ pending: 1, deadLetters: 1 });
    expect(outbox.retention().acked).toBe(3);
    expect(outbox.contiguousAckedThrough()).toBe(2);
    expect(outbox.deadLetters()).toEqual([{ seq: seqs[1], eventId: 'evt-0002', source: 'platform', reason: 'bad payload', at: clock.now() }]);
    expect(outbox.clearDeadLetters()).toBe(1);
    expect(outbox.stats().deadLetters).toBe(0);
  });

  it('requeues retained acknowledged rows after a restore and purges them after retention', () => {
    const seqs = [1, 2, 3].map(() => outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} }).seq);
    outbox.settle(seqs.map((seq) => ({ seq, status: 'accepted' as const, reason: null })), null);
    expect(outbox.contiguousAckedThrough()).toBe(3);
    expect(outbox.requeueAckedAbove(1)).toBe(2);
    expect(outbox.stats().pending).toBe(2);
    outbox.settle(seqs.map((seq) => ({ seq, status: 'duplicate' as const, reason: null })), null);
    clock.advance(10_000);
    expect(outbox.purgeAcked(5_000)).toBe(3);
    // Purged rows leave the contiguous mark where it was (seqs are never reused).
    expect(outbox.contiguousAckedThrough()).toBe(3);
    expect(outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} }).seq).toBe(4);
  });

  it('sets a locally refused event aside without acknowledging it', () => {
    const { seq } = outbox.enqueue({ stream: 'usage', type: 'screen.view', payload: {} });
    outbox.deadLetterLocally(seq, 'refused alone');
    expect(outbox.stats()).toMatchObject({ pending: 0, deadLetters: 1 });
    expect(outbox.retention().acked).toBe(0);
    expect(outbox.contiguousAckedThrough()).toBe(0);
  });
});
