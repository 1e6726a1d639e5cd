import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../contract';
import { AuditLog } from '../audit/audit-log';
import { defaults, loadConfig } from '../config/load';
import { openDatabase, type Db } from '../db/database';
import { retryDeadLetters } from '../sync/dead-letter-retry';
import { Outbox } from '../sync/outbox';
import { ManualClock, sequentialIds } from '../util/clock';
import { audited } from './audited';
import { DeviceHistory } from './device-history';
import { PaperCounter } from './paper-counter';
import { recentLog } from './recent-log';
import { RunHistory } from './run-history';
import { SettingsService } from './settings-service';
import { pdfPageCount, recordSheets } from './sheet-count';
import { storageInfo } from './storage-info';

let dir: string;
let db: Db;
let clock: ManualClock;
let audit: AuditLog;
let outbox: Outbox;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-maint-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  clock = new ManualClock();
  audit = new AuditLog(db, clock);
  outbox = new Outbox(db, { clock, ids: sequentialIds('e'), bootId: 'boot' });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const auditRows = () => db.prepare('SELECT action, detail FROM audit_log ORDER BY seq').all() as { action: string; detail: string }[];
const outboxTypes = () => db.prepare('SELECT type FROM outbox ORDER BY seq').pluck().all();

function pdf(pages: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', compress: true });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (let i = 0; i < pages; i++) {
      if (i > 0) doc.addPage();
      doc.text(`page ${i + 1}`);
    }
    doc.end();
  });
}

function printJob(id: string, at: number, state: string, sheets: number | null): void {
  db.prepare("INSERT INTO print_jobs (id, created_at, updated_at, printer, kind, reference, state, sheets) VALUES (?, ?, ?, 'page-printer', 'guide', 'x', ?, ?)").run(id, at, at, state, sheets);
}

describe('sheets and paper since the last refill', () => {
  it('counts the pages of real pdfkit PDFs', async () => {
    expect(pdfPageCount(await pdf(1))).toBe(1);
    expect(pdfPageCount(await pdf(3))).toBe(3);
    expect(pdfPageCount(new Uint8Array([1, 2, 3]))).toBe(1);
  });

  it('records sheets on the print row and sums completed jobs since the last refill', async () => {
    const paper = new PaperCounter(db);
    printJob('a', clock.now(), 'submitting', null);
    recordSheets(db, 'a', await pdf(2));
    db.prepare("UPDATE print_jobs SET state = 'completed' WHERE id = 'a'").run();
    printJob('b', clock.now(), 'failed', 5);
    printJob('c', clock.now(), 'completed', 3);
    expect(db.prepare("SELECT sheets FROM print_jobs WHERE id = 'a'").pluck().get()).toBe(2);
    expect(paper.printedSinceRefill('page-printer')).toBe(5);
    expect(paper.lastRefill('page-printer')).toBeNull();

    clock.advance(1000);
    db.transaction(() => paper.markRefilled('page-printer', clock.now()))();
    expect(paper.printedSinceRefill('page-printer')).toBe(0);
    clock.advance(1000);
    printJob('d', clock.now(), 'completed', 4);
    expect(paper.printedSinceRefill('page-printer')).toBe(4);
    expect(paper.lastRefill('page-printer')).toBe(clock.now() - 1000);
  });

  it('counts printed tickets from ticket_jobs when that table exists, and 0 without it', () => {
    const paper = new PaperCounter(db);
    const insert = db.prepare('INSERT INTO ticket_jobs (id, created_at, kind, state, reason) VALUES (?, ?, ?, ?, NULL)');
    insert.run('t1', clock.now(), 'queue', 'printed');
    insert.run('t2', clock.now(), 'queue', 'failed');
    insert.run('t3', clock.now(), 'slip', 'printed');
    expect(paper.printedSinceRefill('ticket-printer')).toBe(2);
    db.exec('DROP TABLE ticket_jobs');
    expect(paper.printedSinceRefill('ticket-printer')).toBe(0);
  });
});

describe('device history', () => {
  it('keeps the last trouble per device, once per change, across recoveries', () => {
    const history = new DeviceHistory(db, clock);
    const since = new Date(clock.now()).toISOString();
    history.record({ id: 'page-printer', state: 'online', paper: 'full', since });
    expect(history.lastErrors().size).toBe(0);
    clock.advance(1000);
    history.record({ id: 'page-printer', state: 'userError', detail: 'media-empty', paper: 'out', since });
    history.record({ id: 'page-printer', state: 'userError', detail: 'media-empty', paper: 'out', since });
    clock.advance(1000);
    history.record({ id: 'id-card', state: 'offline', detail: 'port closed', since });
    history.record({ id: 'page-printer', state: 'online', paper: 'full', since });
    const errors = history.lastErrors();
    expect(errors.get('page-printer')).toEqual({ state: 'userError', detail: 'media-empty', at: clock.now() - 1000 });
    expect(errors.get('id-card')).toMatchObject({ state: 'offline', detail: 'port closed' });
    expect(db.prepare('SELECT COUNT(*) FROM device_events').pluck().get()).toBe(2);
    // A restarted kiosk still knows.
    expect(new DeviceHistory(db, clock).lastErrors().get('page-printer')?.detail).toBe('media-empty');
  });
});

describe('run history', () => {
  it('says first start, then clean with the reason, then crash when the marker was left running', () => {
    expect(new RunHistory(dir, clock).lastStop).toEqual({ kind: 'first-start', reason: null, at: null });
    const second = new RunHistory(dir, clock);
    clock.advance(60_000);
    second.setStopReason('technician-restart');
    second.stopped();
    const third = new RunHistory(dir, clock);
    expect(third.lastStop).toEqual({ kind: 'clean', reason: 'technician-restart', at: clock.now() });
    // third never stops: the process "dies".
    expect(new RunHistory(dir, clock).lastStop).toMatchObject({ kind: 'crash', reason: null });
    writeFileSync(join(dir, 'run-state.json'), '{"runn');
    expect(new RunHistory(dir, clock).lastStop).toEqual({ kind: 'crash', reason: null, at: null });
  });
});

describe('recent log', () => {
  it('returns the last lines, newest last, parsed and masked again', () => {
    mkdirSync(join(dir, 'logs'));
    const line = (i: number, msg: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ level: i % 2 ? 40 : 30, time: '2026-11-28T02:00:00.000Z', module: 'app', msg, ...extra });
    writeFileSync(join(dir, 'logs', 'kiosk.log.1'), `${[1, 2, 3].map((i) => line(i, `old ${i}`)).join('\n')}\n`);
    // A line that slipped through unmasked (it should never happen; the screen masks anyway).
    writeFileSync(join(dir, 'logs', 'kiosk.log'), `${line(4, 'card 440106199001010012 read', { name: '张三' })}\nplain text line\n`);
    const lines = recentLog(dir, 4);
    expect(lines.map((l) => l.message)).toEqual(['old 2', 'old 3', 'card 440106********0012 read {"name":"张*"}', 'plain text line']);
    expect(lines[0]).toEqual({ at: '2026-11-28T02:00:00.000Z', level: 'info', module: 'app', message: 'old 2' });
    expect(lines[1]?.level).toBe('warn');
    expect(lines[3]?.level).toBe('text');
    expect(recentLog(join(dir, 'nowhere'), 10)).toEqual([]);
  });
});

describe('storage', () => {
  it('reports disk free, database and WAL sizes', () => {
    db.exec('CREATE TABLE filler (x BLOB); INSERT INTO filler VALUES (zeroblob(100000));');
    const info = storageInfo(dir, join(dir, 'kiosk.db'));
    expect(info.diskFreeBytes).toBeGreaterThan(0);
    expect(info.diskTotalBytes).toBeGreaterThanOrEqual(info.diskFreeBytes ?? 0);
    expect(info.databaseBytes + info.walBytes).toBeGreaterThan(100_000);
  });
});

describe('audited actions', () => {
  it('writes the audit row and the outbox event with the change, or nothing at all', () => {
    const result = audited({ db, audit, outbox }, 'maintenance.paperRefilled', () => 42, (n) => ({ n }));
    expect(result).toBe(42);
    expect(auditRows()).toEqual([{ action: 'maintenance.paperRefilled', detail: '{"n":42}' }]);
    expect(outboxTypes()).toEqual(['maintenance.paper_refilled']);
    expect(() =>
      audited({ db, audit, outbox }, 'maintenance.fails', () => {
        db.prepare("INSERT INTO paper_refills (printer, at) VALUES ('page-printer', 1)").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(auditRows()).toHaveLength(1);
    expect(outboxTypes()).toHaveLength(1);
    expect(db.prepare('SELECT COUNT(*) FROM paper_refills').pluck().get()).toBe(0);
    expect(audit.verify()).toMatchObject({ ok: true, rows: 1 });
  });
});

describe('dead letters', () => {
  it('sends local dead letters again and clears platform-rejected ones', () => {
    const seqs = db.transaction(() => [1, 2, 3].map((i) => outbox.enqueueIn(db, { stream: 'usage', type: 'test.event', payload: { i } }).seq))();
    outbox.deadLetterLocally(seqs[0]!, 'refused alone');
    outbox.settle([{ seq: seqs[1]!, status: 'rejected', reason: 'schema' }], null);
    expect(outbox.stats()).toMatchObject({ pending: 1, deadLetters: 2 });
    expect(retryDeadLetters(db, clock.now())).toEqual({ requeued: 1, cleared: 1 });
    expect(outbox.stats()).toMatchObject({ pending: 2, deadLetters: 0 });
    expect(db.prepare('SELECT attempts, last_error FROM outbox WHERE seq = ?').get(seqs[0])).toEqual({ attempts: 0, last_error: null });
    expect(retryDeadLetters(db, clock.now())).toEqual({ requeued: 0, cleared: 0 });
  });
});

describe('technician settings', () => {
  const service = () => {
    const config = { ...defaults('demo', {}), dataDir: dir };
    return { config, settings: new SettingsService(config, { db, audit, outbox }, clock) };
  };

  it('validates, persists, audits before/after with its outbox event, and survives a restart', () => {
    const { config, settings } = service();
    const next = settings.current();
    next.devices.pagePrinter = 'ipp://192.168.1.20:631/ipp/print';
    next.idle.timeoutSeconds = 120;
    next.idle.elderlyTimeoutSeconds = 240;
    next.voice.volume = 'high';
    expect(settings.save(next)).toEqual({
      changed: ['devices.pagePrinter', 'idle.timeoutSeconds', 'idle.elderlyTimeoutSeconds', 'voice.volume'],
      restartNeeded: ['devices.pagePrinter'],
    });
    const [row] = auditRows();
    expect(row?.action).toBe('maintenance.settings');
    expect(JSON.parse(row?.detail ?? '{}')).toMatchObject({
      changes: [
        { key: 'devices.pagePrinter', before: 'sim', after: 'ipp://192.168.1.20:631/ipp/print' },
        { key: 'idle.timeoutSeconds', before: 90, after: 120 },
        { key: 'idle.elderlyTimeoutSeconds', before: 180, after: 240 },
        { key: 'voice.volume', before: 'medium', after: 'high' },
      ],
    });
    expect(outboxTypes()).toEqual(['maintenance.settings']);
    expect(db.prepare('SELECT COUNT(*) FROM settings_changes').pluck().get()).toBe(1);
    expect(config.idle.timeoutSeconds).toBe(120);
    // Saving the same values again changes nothing and records nothing.
    expect(settings.save(settings.current())).toEqual({ changed: [], restartNeeded: [] });
    expect(auditRows()).toHaveLength(1);

    // The next start: defaults → file → settings.json → environment (which still wins).
    const env = { KIOSK_PROFILE: 'demo', KIOSK_DATA_DIR: dir };
    const reloaded = loadConfig(env);
    expect(reloaded.devices.pagePrinter).toBe('ipp://192.168.1.20:631/ipp/print');
    expect(reloaded.idle).toMatchObject({ timeoutSeconds: 120, elderlyTimeoutSeconds: 240 });
    expect(reloaded.voice.volume).toBe('high');
    expect(loadConfig({ ...env, KIOSK_PAGE_PRINTER: 'sim' }).devices.pagePrinter).toBe('sim');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ voice: { volume: 'high' } });
  });

  it('refuses invalid settings with SETTING_INVALID naming the field, and records nothing', () => {
    const { settings } = service();
    const bad = settings.current();
    bad.devices.pagePrinter = 'not a uri';
    const short = settings.current();
    short.idle.elderlyTimeoutSeconds = 60;
    short.idle.timeoutSeconds = 90;
    for (const input of [bad, short, { ...settings.current(), extra: 1 }]) {
      let error: unknown;
      try {
        settings.save(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(KioskError);
      expect((error as KioskError).code).toBe('SETTING_INVALID');
    }
    expect(auditRows()).toEqual([]);
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });

  it('a settings.json with anything but devices, idle and voice stops start-up naming the key', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ maintenance: { pinHash: null } }));
    expect(() => loadConfig({ KIOSK_PROFILE: 'demo', KIOSK_DATA_DIR: dir })).toThrow(/may not set "maintenance"/);
  });
});
