import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../contract';
import { PagePrinterError, type PagePrinter } from '../../devices/page-printer';
import residents from '../../fixtures/residents/residents.json' with { type: 'json' };
import { AuditLog } from '../audit/audit-log';
import { openDatabase, type Db } from '../db/database';
import { EventBus } from '../ipc/event-bus';
import { PagePrintService, type PrintRecorder } from '../printing/page-print-service';
import { ResidentSession, type ResidentIdentity } from '../session/resident-session';
import { Outbox } from '../sync/outbox';
import { ManualClock, sequentialIds } from '../util/clock';
import { CertificateService, type CertificateRecords } from './certificate-service';
import { loadOrCreateKioskKey } from './kiosk-key';

// CertificateService over a real SQLite file, the real PagePrintService, audit log and outbox; only
// the A4 printer is a scripted stand-in (the IPP printer itself is proven in tests/integration and
// the e2e run). What must hold: one certificate per type per session, printed at most once, a kept
// job resumed (never resent), the print audit in the same transaction as the print row.

const sample = residents.residents[0]!;
const zhang: ResidentIdentity = { ...sample.idCard };
const records: CertificateRecords = {
  getHouseholdRecord: async () => sample.household,
  getFamilyPlanningRecord: async () => sample.familyPlanning,
};

type Script = { submit: number; waits: Array<'ok' | 'paperOut' | 'jam'>; canceled: number[] };

/** A page printer that prints or runs out of paper as the test says, and counts submissions. */
function scriptedPrinter(script: Script): PagePrinter {
  return {
    async printPdf() {
      script.submit += 1;
      return { jobId: 100 + script.submit };
    },
    async waitJob(jobId: number) {
      const next = script.waits.shift() ?? 'ok';
      if (next === 'paperOut') throw new PagePrinterError('paperOut', 'out of paper', { jobId, jobState: 'stopped', jobKept: true });
      if (next === 'jam') throw new PagePrinterError('paperJam', 'jammed', { jobId, jobState: 'stopped', jobKept: true });
      return { jobId, state: 'completed' };
    },
    async cancelJob(jobId: number) {
      script.canceled.push(jobId);
    },
  } as unknown as PagePrinter;
}

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-cert-service-'));
  db = openDatabase(join(dir, 'kiosk.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup(options: { recorder?: PrintRecorder } = {}) {
  const clock = new ManualClock();
  const ids = sequentialIds('job');
  const events = new EventBus();
  const session = new ResidentSession(events, clock);
  const audit = new AuditLog(db, clock);
  const outbox = new Outbox(db, { clock, ids: sequentialIds('ev'), bootId: 'boot-1' });
  const script: Script = { submit: 0, waits: [], canceled: [] };
  const recorder: PrintRecorder = options.recorder ?? ((tx, job) => outbox.enqueueIn(tx, { stream: 'print_audit', type: 'print.job', payload: job }));
  const printing = new PagePrintService(db, () => scriptedPrinter(script), audit, clock, ids, recorder);
  const key = loadOrCreateKioskKey(dir);
  const certificates = new CertificateService(db, session, () => records, printing, () => key, 'demo-kiosk-01', clock);
  session.present('id-card', zhang);
  return { session, certificates, script, printing };
}

const codeOf = async (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (e instanceof KioskError ? `${e.code}${e.detail?.reason ? `/${String(e.detail.reason)}` : ''}` : 'OTHER'));
const rows = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Record<string, unknown>[];

describe('CertificateService', () => {
  it('issues one certificate per type per session and prints it once', async () => {
    const { certificates, script } = setup();
    const first = await certificates.issue('household');
    expect(first.number).toMatch(/^HJ-\d{8}-[A-Z0-9]{4}-0001$/);
    expect(first.printed).toBe(false);
    expect((await certificates.issue('household')).number).toBe(first.number);
    expect((await certificates.issue('family-planning')).number).toMatch(/-0002$/);

    expect(await certificates.print(first.number)).toEqual({ jobId: 'job-0001', state: 'completed' });
    expect(script.submit).toBe(1);
    expect(await codeOf(certificates.print(first.number))).toBe('PRINT_NOT_ALLOWED/printed');
    expect((await certificates.issue('household')).printed).toBe(true);
    expect(await codeOf(certificates.print('HJ-20261128-XXXX-0099'))).toBe('PRINT_NOT_ALLOWED/not-issued');
  });

  it('a double tap follows the same job: one submission', async () => {
    const { certificates, script } = setup();
    const { number } = await certificates.issue('household');
    const [a, b] = await Promise.all([certificates.print(number), certificates.print(number)]);
    expect(a).toEqual(b);
    expect(script.submit).toBe(1);
  });

  it('paper out mid-job: the job is kept, resumed after the refill, never resent', async () => {
    const { certificates, script } = setup();
    const { number } = await certificates.issue('family-planning');
    script.waits.push('paperOut');
    expect(await codeOf(certificates.print(number))).toBe('PRINTER_OUT_OF_PAPER');
    expect(rows('SELECT state, reason FROM print_jobs')).toEqual([{ state: 'held', reason: 'paperOut' }]);
    // Still out: the same job is followed again and still kept.
    script.waits.push('jam');
    expect(await codeOf(certificates.print(number))).toBe('PRINTER_ERROR');
    expect(await certificates.print(number)).toEqual({ jobId: 'job-0001', state: 'completed' });
    expect(script.submit).toBe(1);
    expect(rows("SELECT reference FROM print_jobs WHERE state = 'completed'")).toEqual([{ reference: number }]);
  });

  it("a kept job is canceled when the resident's session ends, so it never prints for the next person", async () => {
    const { certificates, script, session } = setup();
    const { number } = await certificates.issue('household');
    script.waits.push('paperOut');
    expect(await codeOf(certificates.print(number))).toBe('PRINTER_OUT_OF_PAPER');
    session.wipe('idle');
    await expect.poll(() => rows('SELECT state, reason FROM print_jobs')).toEqual([{ state: 'canceled', reason: 'resident-left' }]);
    expect(script.canceled).toEqual([101]);
    expect(await codeOf(certificates.print(number))).toBe('PRINT_NOT_ALLOWED/not-issued');
  });

  it('refuses without a session and forgets everything on a new card', async () => {
    const { certificates, session } = setup();
    const { number } = await certificates.issue('household');
    session.present('id-card', { ...zhang, name: '王伟', idNumber: '440105198506209975' });
    expect(await codeOf(certificates.print(number))).toBe('PRINT_NOT_ALLOWED/not-issued');
    session.wipe('finished');
    expect(await codeOf(certificates.issue('household'))).toBe('NO_SESSION');
  });

  it('writes the print audit (masked identity, type, number, outcome) to the audit log and the outbox with the print row', async () => {
    const { certificates } = setup();
    const { number } = await certificates.issue('household');
    await certificates.print(number);
    const audit = rows("SELECT action, detail FROM audit_log WHERE action LIKE 'print.%'");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('print.completed');
    expect(JSON.parse(String(audit[0]!.detail))).toMatchObject({ kind: 'certificate', reference: number, certificateType: 'household', certificateNumber: number, maskedIdNumber: '440105********9994' });
    const outbox = rows("SELECT payload FROM outbox WHERE stream = 'print_audit'");
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(String(outbox[0]!.payload))).toMatchObject({
      kind: 'certificate',
      reference: number,
      state: 'completed',
      audit: { certificateType: 'household', certificateNumber: number, maskedIdNumber: '440105********9994' },
    });
    db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(join(dir, 'kiosk.db'));
    expect(file.includes(Buffer.from(zhang.idNumber))).toBe(false);
    expect(file.includes(Buffer.from(zhang.name))).toBe(false);
  });

  it('an outbox failure rolls the outcome back with its audit row: all three or none', async () => {
    const { certificates } = setup({
      recorder: () => {
        throw new Error('disk full');
      },
    });
    const { number } = await certificates.issue('household');
    await expect(certificates.print(number)).rejects.toThrow('disk full');
    expect(rows('SELECT state FROM print_jobs')).toEqual([{ state: 'printing' }]);
    expect(rows("SELECT action FROM audit_log WHERE action LIKE 'print.%'")).toEqual([]);
  });
});
