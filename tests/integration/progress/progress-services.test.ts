import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../contract';
import { PagePrinter } from '../../../devices/page-printer';
import { TicketPrinter, TicketPrinterSimulator } from '../../../devices/ticket-printer';
import { startPlatformServer, demoCredential, type PlatformServer } from '../../../fixtures/platform/server';
import { AuditLog } from '../../../main/audit/audit-log';
import { openDatabase, type Db } from '../../../main/db/database';
import { EventBus } from '../../../main/ipc/event-bus';
import { PagePrintService } from '../../../main/printing/page-print-service';
import { TicketPrintService } from '../../../main/printing/ticket-print-service';
import { ProgressService } from '../../../main/progress/progress-service';
import { qrLinksOf } from '../../../main/progress/qr-links';
import { QueueNumbers } from '../../../main/progress/queue-numbers';
import { DEMO_HALL } from '../../../main/progress/service-hall';
import { SlipsService } from '../../../main/progress/slips-service';
import { readPlatformConfig } from '../../../main/sync/update-targets';
import { ResidentSession } from '../../../main/session/resident-session';
import { Outbox } from '../../../main/sync/outbox';
import { PlatformClient } from '../../../main/sync/platform-client';
import { randomIds, systemClock } from '../../../main/util/clock';
import { startTestPrinter, type TestPrinter } from '../../support/ippeveprinter';
import { openPtyPair, type PtyPair } from '../../support/pty-pair';
import { needs } from '../../support/system';
import { waitUntil } from '../../support/wait-until';

// Progress, results, slips and queue tickets through the real pieces: the platform simulator over
// loopback HTTP, a real SQLite file, the ticket printer's simulator on a real pty (socat) and a
// real ippeveprinter for result documents. Tickets are read back from the bytes the pty carried.

type Resident = { id: string; idCard: { name: string; idNumber: string; gender: string; birth: string } };
const residents = (JSON.parse(readFileSync(new URL('../../../fixtures/residents/residents.json', import.meta.url), 'utf8')) as { residents: Resident[] }).residents;
const R001 = residents.find((r) => r.id === 'R001')!;
const KIOSK = 'kiosk-progress-test';

const codeOf = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (error: unknown) => error);
  return e instanceof KioskError ? e.code : e;
};

describe.skipIf(!needs('socat', 'socat') || !needs('ippeveprinter', 'cups-ipp-utils'))('progress, results and slips services', () => {
  let dir: string;
  let db: Db;
  let platform: PlatformServer;
  let pair: PtyPair;
  let sim: TicketPrinterSimulator;
  let ticketPrinter: TicketPrinter;
  let a4: TestPrinter;
  let pagePrinter: PagePrinter;
  let session: ResidentSession;
  let online = true;
  let progress: ProgressService;
  let slips: SlipsService;
  let queue: QueueNumbers;
  let tickets: TicketPrintService;
  let printing: PagePrintService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-progress-'));
    db = openDatabase(join(dir, 'kiosk.db'));
    platform = await startPlatformServer({ dataDir: join(dir, 'platform') });
    const client = new PlatformClient({ baseUrl: platform.url, kioskId: KIOSK, credential: demoCredential(KIOSK), clock: systemClock });
    pair = await openPtyPair('ticket');
    sim = new TicketPrinterSimulator({ path: pair.devicePath });
    await sim.start();
    ticketPrinter = new TicketPrinter({ path: pair.hostPath, pollIntervalMs: 500, replyTimeoutMs: 1000 });
    await ticketPrinter.open();
    a4 = await startTestPrinter();
    pagePrinter = new PagePrinter({ uri: a4.uri, pollIntervalMs: 500, jobPollIntervalMs: 250, requestTimeoutMs: 5000 });
    await pagePrinter.open();

    const audit = new AuditLog(db, systemClock);
    const outbox = new Outbox(db, { clock: systemClock, ids: randomIds, bootId: 'boot-1' });
    session = new ResidentSession(new EventBus(), systemClock);
    printing = new PagePrintService(db, () => pagePrinter, audit, systemClock, randomIds);
    tickets = new TicketPrintService(db, () => ticketPrinter, audit, systemClock, randomIds, (tx, job) =>
      outbox.enqueueIn(tx, { stream: 'print_audit', type: 'ticket.job', payload: { id: job.id, kind: job.kind, reference: job.reference, state: job.state, reason: job.reason } }),
    );
    progress = new ProgressService({ session, queries: () => (online ? client : undefined), online: () => online, printing, tickets, kioskId: KIOSK, clock: systemClock, caseLink: () => links().case });
    queue = new QueueNumbers(db, systemClock, randomIds);
    slips = new SlipsService({ db, session, tickets, queue, hall: () => DEMO_HALL, kioskId: KIOSK, clock: systemClock, queueLink: () => links().queue });
  });

  /** The QR addresses as the handlers read them: from the installed platform config, else the defaults. */
  const links = () => qrLinksOf(readPlatformConfig(db)?.values);
  const setPlatformConfig = (values: Record<string, unknown> | null) => {
    if (values === null) db.prepare("DELETE FROM settings WHERE key = 'platform_config'").run();
    else db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('platform_config', ?, ?)").run(JSON.stringify({ version: 7, values }), Date.now());
  };

  afterAll(async () => {
    await pagePrinter?.close();
    await a4?.stop();
    await ticketPrinter?.close();
    await sim?.stop();
    await pair?.close();
    await platform?.close();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    online = true;
    sim.setPaper('full');
    await ticketPrinter.refreshStatus();
    session.wipe('test');
  });

  const lastJob = () => sim.jobs.at(-1)!;
  const ticketRows = () => db.prepare('SELECT id, kind, state, reason FROM ticket_jobs ORDER BY created_at, rowid').all() as { id: string; kind: string; state: string; reason: string | null }[];

  it('finds an application by number with its status, steps and next step; an unknown number is not found', async () => {
    const a = await progress.lookup('HZ-20261120-001283');
    expect(a).toMatchObject({ number: 'HZ-20261120-001283', itemName: '城乡居民医疗保险参保登记', status: 'in_progress', nextStep: '审核', applicantMasked: '张*' });
    expect(a.steps.map((s) => [s.name, s.state])).toEqual([
      ['受理', 'done'],
      ['审核', 'current'],
      ['办结', 'pending'],
    ]);
    expect(await codeOf(progress.lookup('HZ-20990101-000001'))).toBe('RECORD_NOT_FOUND');
  });

  it('prints a progress slip: the bytes on the pty decode to the case, its status and a QR to it; the row, audit and outbox agree', async () => {
    const before = sim.jobs.length;
    const { ticketId } = await progress.slip('HZ-20261120-001283');
    await sim.waitForJobs(before + 1, 10_000);
    const ticket = lastJob().ticket;
    const text = ticket.lines.map((l) => l.text);
    expect(text).toContain('申请编号：HZ-20261120-001283');
    expect(text).toContain('状态：办理中');
    expect(text).toContain('已完成：受理');
    expect(text).toContain('下一步：审核');
    expect(text).toContain('申请人：张*');
    expect(ticket.qr.map((q) => q.data)).toEqual(['https://zwfw.haizhu.gov.cn/progress?no=HZ-20261120-001283']);
    expect(ticket.cuts).toBe(1);
    expect(lastJob().printed).toBe(true);

    const row = ticketRows().find((r) => r.id === ticketId);
    expect(row).toMatchObject({ kind: 'slip', state: 'printed', reason: null });
    const outbox = db.prepare("SELECT payload FROM outbox WHERE stream = 'print_audit' AND type = 'ticket.job'").pluck().all() as string[];
    expect(outbox.some((p) => p.includes(ticketId))).toBe(true);
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'ticket.printed'").pluck().all() as string[];
    expect(audit.some((d) => d.includes(ticketId))).toBe(true);
    // Nothing personal in what the kiosk keeps.
    for (const stored of [...outbox, ...audit]) expect(stored).not.toMatch(/张三|440105195803129994/);
  });

  it('English slip in the resident’s language', async () => {
    const before = sim.jobs.length;
    await progress.slip('HZ-20261102-000417', 'en');
    await sim.waitForJobs(before + 1, 10_000);
    const text = lastJob().ticket.lines.map((l) => l.text);
    expect(text).toContain('Status: Completed');
    expect(text).toContain('Next: none (finished)');
  });

  it('the slip QR follows the platform config: its address where set, the default where not or where malformed', async () => {
    try {
      setPlatformConfig({ qrLinks: { case: 'https://gz.example.gov.cn/case/{number}?from={kiosk}' } });
      let before = sim.jobs.length;
      await progress.slip('HZ-20261102-000417', 'zh-CN');
      await sim.waitForJobs(before + 1, 10_000);
      expect(lastJob().ticket.qr.map((q) => q.data)).toEqual([`https://gz.example.gov.cn/case/HZ-20261102-000417?from=${KIOSK}`]);
      // An address the check refuses (not https) never reaches paper: the default prints.
      setPlatformConfig({ qrLinks: { case: 'http://gz.example.gov.cn/{number}' } });
      before = sim.jobs.length;
      await progress.slip('HZ-20261102-000417', 'zh-CN');
      await sim.waitForJobs(before + 1, 10_000);
      expect(lastJob().ticket.qr.map((q) => q.data)).toEqual(['https://zwfw.haizhu.gov.cn/progress?no=HZ-20261102-000417']);
    } finally {
      setPlatformConfig(null);
    }
  });

  it('paper out: refused before a byte is printed, recorded as failed', async () => {
    sim.setPaper('out');
    expect(await tickets.check()).toEqual({ ready: false, paper: 'out', state: 'online' });
    const before = sim.jobs.length;
    const error = await progress.slip('HZ-20261120-001283').then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(KioskError);
    expect((error as KioskError).code).toBe('PRINTER_OUT_OF_PAPER');
    expect((error as KioskError).detail).toMatchObject({ afterPrint: false });
    expect(sim.jobs.length).toBe(before);
    expect(ticketRows().at(-1)).toMatchObject({ kind: 'slip', state: 'failed', reason: 'paperOut' });
  });

  it('paper low is reported before printing and still prints', async () => {
    sim.setPaper('low');
    expect(await tickets.check()).toEqual({ ready: true, paper: 'low', state: 'online' });
  });

  it('offline: availability says so and every query fails as unreachable', async () => {
    online = false;
    expect(progress.availability()).toEqual({ online: false });
    expect(await codeOf(progress.lookup('HZ-20261120-001283'))).toBe('PLATFORM_UNREACHABLE');
    session.present('id-card', R001.idCard);
    expect(await codeOf(progress.results())).toBe('PLATFORM_UNREACHABLE');
  });

  it('by identity: the resident’s applications and finished cases; a result document printed once on ippeveprinter', async () => {
    expect(await codeOf(progress.mine())).toBe('NO_SESSION');
    session.present('id-card', R001.idCard);
    const mine = await progress.mine();
    expect(mine.map((a) => a.number)).toEqual(['HZ-20261120-001283', 'HZ-20261102-000417']);
    const results = await progress.results();
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ number: 'HZ-20261102-000417', outcome: 'approved', documents: [{ documentId: 'DOC-000417-1', printable: true }] });
    // Another resident's document is not listed for this one: refused.
    expect(await codeOf(progress.printDocument('DOC-000233-1'))).toBe('PRINT_NOT_ALLOWED');
    const outcome = await progress.printDocument('DOC-000417-1');
    expect(outcome.state).toBe('completed');
    expect(printing.jobState(outcome.jobId)).toBe('completed');
    expect(await codeOf(progress.printDocument('DOC-000417-1'))).toBe('PRINT_NOT_ALLOWED');
    // The wipe takes the resident and what was listed for them.
    session.wipe('idle');
    expect(await codeOf(progress.printDocument('DOC-000417-1'))).toBe('NO_SESSION');
  });

  it('A4 paper out before the document is sent: refused, nothing kept, a later try prints it', async () => {
    session.present('id-card', R001.idCard);
    await progress.results();
    await a4.setPaper('out');
    let failure: unknown;
    try {
      await waitUntil(async () => (await pagePrinter.refreshStatus()).paper === 'out', 10_000);
      failure = await progress.printDocument('DOC-000417-1').then(() => null, (e: unknown) => e);
    } finally {
      await a4.setPaper('full');
    }
    expect(failure).toBeInstanceOf(KioskError);
    expect((failure as KioskError).code).toBe('PRINTER_OUT_OF_PAPER');
    expect((failure as KioskError).detail).toMatchObject({ kept: false });
    expect((await progress.printDocument('DOC-000417-1')).state).toBe('completed');
  });

  it('A4 paper out in the middle of the document: the job is kept and resumed, never sent twice', async () => {
    session.present('id-card', R001.idCard);
    await progress.results();
    const jobs = () => db.prepare("SELECT id, state FROM print_jobs WHERE kind = 'result-document' ORDER BY created_at").all() as { id: string; state: string }[];
    const before = jobs().length;
    const printingNow = progress.printDocument('DOC-000417-1').then(() => null, (e: unknown) => e);
    let failure: unknown;
    try {
      await waitUntil(() => jobs().length > before && jobs().at(-1)?.state === 'printing', 20_000);
      await a4.setPaper('out');
      failure = await printingNow;
    } finally {
      await a4.setPaper('full');
    }
    expect(failure).toBeInstanceOf(KioskError);
    expect((failure as KioskError).code).toBe('PRINTER_OUT_OF_PAPER');
    expect((failure as KioskError).detail).toMatchObject({ kept: true });
    const jobId = (failure as KioskError).detail?.jobId as string;
    expect(printing.jobState(jobId)).toBe('held');
    const again = await progress.printDocument('DOC-000417-1');
    expect(again).toEqual({ jobId, state: 'completed' });
    expect(jobs().length).toBe(before + 1);
    expect(await codeOf(progress.printDocument('DOC-000417-1'))).toBe('PRINT_NOT_ALLOWED');
  });

  it('a kept document whose resident leaves (session wipe) is canceled: it never comes out for the next person', async () => {
    session.present('id-card', R001.idCard);
    await progress.results();
    const jobs = () => db.prepare("SELECT id, state FROM print_jobs WHERE kind = 'result-document' ORDER BY created_at").all() as { id: string; state: string }[];
    const before = jobs().length;
    const printingNow = progress.printDocument('DOC-000417-1').then(() => null, (e: unknown) => e);
    let failure: unknown;
    try {
      await waitUntil(() => jobs().length > before && jobs().at(-1)?.state === 'printing', 20_000);
      await a4.setPaper('out');
      failure = await printingNow;
      expect((failure as KioskError).detail).toMatchObject({ kept: true });
      const jobId = (failure as KioskError).detail?.jobId as string;
      session.wipe('idle');
      await waitUntil(() => printing.jobState(jobId) === 'canceled', 20_000, 'the kept job canceled');
      // Canceled at the printer too, not only in the kiosk's books.
      const printerJobId = Number(db.prepare('SELECT printer_job_id FROM print_jobs WHERE id = ?').pluck().get(jobId));
      const atPrinter = await waitUntil(async () => {
        const state = (await pagePrinter.jobState(printerJobId)).state;
        return state === 'canceled' || state === 'aborted' || state === 'completed' ? state : null;
      }, 30_000, 'the printer to end the job');
      expect(atPrinter).toBe('canceled');
    } finally {
      await a4.setPaper('full');
      await waitUntil(async () => (await pagePrinter.jobs('not-completed')).length === 0, 30_000, 'the printer idle again');
    }
  });

  it('queue tickets: numbers count up per category, waiting counts the uncalled, the ticket decodes with number, category and QR', async () => {
    const before = sim.jobs.length;
    const first = await slips.queueTicket('social-security');
    const second = await slips.queueTicket('social-security');
    const other = await slips.queueTicket('household', 'en');
    await sim.waitForJobs(before + 3, 10_000);
    expect([first.number, second.number, other.number]).toEqual(['A001', 'A002', 'B001']);
    expect([first.waiting, second.waiting, other.waiting]).toEqual([0, 1, 0]);
    const ticket = sim.jobs[before + 1]!.ticket;
    const text = ticket.lines.map((l) => l.text);
    expect(text).toContain('A002');
    expect(ticket.lines.find((l) => l.text === 'A002')).toMatchObject({ width: 2, height: 2, bold: true, align: 'center' });
    expect(text).toContain('业务：社保医保');
    expect(text).toContain('前面还有 1 人');
    expect(ticket.qr.map((q) => q.data)).toEqual([`https://zwfw.haizhu.gov.cn/queue?k=${KIOSK}&n=A002`]);
    expect(sim.jobs[before + 2]!.ticket.lines.map((l) => l.text)).toContain('Service: Household registration');

    expect(queue.callNext('social-security')).toBe('1');
    expect(queue.waiting('social-security')).toBe(1);
    expect((await slips.overview()).hall?.categories.find((c) => c.id === 'social-security')?.waiting).toBe(1);

    // Paper out: refused, and the number is given back.
    sim.setPaper('out');
    expect(await codeOf(slips.queueTicket('social-security'))).toBe('PRINTER_OUT_OF_PAPER');
    sim.setPaper('full');
    await ticketPrinter.refreshStatus();
    expect((await slips.queueTicket('social-security')).number).toBe('A003');
    expect(await codeOf(slips.queueTicket('no-such-category'))).toBe('NOT_FOUND');
    expect(ticketRows().filter((r) => r.kind === 'queue').map((r) => r.state)).toEqual(['printed', 'printed', 'printed', 'failed', 'printed']);
  });

  it('a receipt lists what this visit printed; a new visit starts empty', async () => {
    const visitPrints = (await slips.overview()).prints;
    expect(visitPrints).toBe(0);
    session.present('id-card', R001.idCard);
    await progress.results();
    // The earlier test printed DOC-000417-1 in another visit; this one prints it again (new visit).
    await progress.printDocument('DOC-000417-1');
    expect((await slips.overview()).prints).toBe(1);
    const before = sim.jobs.length;
    const receipt = await slips.receipt();
    expect(receipt.prints).toBe(1);
    await sim.waitForJobs(before + 1, 10_000);
    const text = lastJob().ticket.lines.map((l) => l.text);
    expect(text.some((l) => l.includes('结果文书 DOC-000417-1'))).toBe(true);
    expect(text).toContain('本次共打印 1 份');
    expect(ticketRows().at(-1)).toMatchObject({ kind: 'receipt', state: 'printed' });
    session.wipe('finished');
    expect(await codeOf(slips.receipt())).toBe('NOT_FOUND');
  });
});
