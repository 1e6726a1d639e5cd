import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../contract';
import { PagePrinter, PagePrinterError, startIppeveprinter, type IppeveprinterProcess } from '../../devices/page-printer';
import { AuditLog } from '../../main/audit/audit-log';
import { openDatabase, type Db } from '../../main/db/database';
import { PagePrintService } from '../../main/printing/page-print-service';
import { randomIds, systemClock } from '../../main/util/clock';
import { ensurePrinterServices } from '../support/ippeveprinter';
import { smallPdf } from '../support/small-pdf';
import { needs } from '../support/system';
import { waitUntil } from '../support/wait-until';

// Paper runs out part-way through a job, on a real ippeveprinter running the kiosk's print
// command (-c, devices/page-printer/ippeveprinter-command.ts): the job stays `processing` while
// the printer reports media-empty. The adapter must report it kept (never resubmit), the print
// service must hold it and resume the same job, and after the refill exactly one job completes
// with exactly one spooled document.

const JOB_TIMEOUT_MS = 45_000;

describe.skipIf(!needs('ippeveprinter', 'cups-ipp-utils'))('paper out mid-job on a real ippeveprinter', () => {
  let proc: IppeveprinterProcess;
  let printer: PagePrinter;
  let dir: string;
  let db: Db;
  let printing: PagePrintService;

  const spooled = (suffix: string) => readdirSync(proc.spoolDir).filter((f) => f.endsWith(`-${suffix}.pdf`));

  beforeAll(async () => {
    await ensurePrinterServices();
    proc = await startIppeveprinter({ startTimeoutMs: 15_000, printSeconds: 1 });
    printer = new PagePrinter({ uri: proc.uri, pollIntervalMs: 500, jobPollIntervalMs: 250, requestTimeoutMs: 3000 });
    await printer.open();
    dir = mkdtempSync(join(tmpdir(), 'kiosk-mid-job-'));
    db = openDatabase(join(dir, 'kiosk.db'));
    printing = new PagePrintService(db, () => printer, new AuditLog(db, systemClock), systemClock, randomIds);
  });
  afterAll(async () => {
    await printer?.close();
    await proc?.stop();
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await proc.setPaper('full');
  });

  it('without the switch a job prints straight through and its document is spooled', async () => {
    const pdf = await smallPdf('straight through');
    const { jobId } = await printer.printPdf(pdf, { jobName: 'straight' });
    expect(await printer.waitJob(jobId, JOB_TIMEOUT_MS)).toEqual({ jobId, state: 'completed' });
    const files = spooled('straight');
    expect(files).toHaveLength(1);
    expect(Buffer.compare(readFileSync(join(proc.spoolDir, files[0]!)), Buffer.from(pdf))).toBe(0);
  });

  it('adapter: the started job stops with media-empty, is reported kept, and completes once after the refill', async () => {
    await proc.paperOutMidJob();
    const pdf = await smallPdf('stopped part-way');
    // The tray looked full, so the job is accepted: the paper runs out while it prints.
    const { jobId } = await printer.printPdf(pdf, { jobName: 'mid-job' });
    const stopped = await printer.waitJob(jobId, JOB_TIMEOUT_MS).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(PagePrinterError);
    expect(stopped).toMatchObject({ reason: 'paperOut', jobId, jobKept: true, jobState: 'stopped' });
    expect((stopped as PagePrinterError).printerReasons.join(',')).toContain('media-empty');
    expect(printer.status().paper).toBe('out');
    // The job is still on the printer, started and not finished, for as long as there is no paper.
    expect((await printer.jobState(jobId)).state).toBe('processing');
    await expect(printer.waitJob(jobId, JOB_TIMEOUT_MS)).rejects.toMatchObject({ reason: 'paperOut', jobKept: true });
    expect((await printer.jobState(jobId)).state).toBe('processing');

    await proc.setPaper('full');
    expect(await printer.waitJob(jobId, JOB_TIMEOUT_MS)).toEqual({ jobId, state: 'completed' });
    expect((await printer.refreshStatus()).paper).toBe('full');
    const named = (await printer.jobs('all')).filter((j) => j.name === 'mid-job');
    expect(named).toEqual([expect.objectContaining({ jobId, state: 'completed' })]);
    const files = spooled('mid-job');
    expect(files).toHaveLength(1);
    expect(Buffer.compare(readFileSync(join(proc.spoolDir, files[0]!)), Buffer.from(pdf))).toBe(0);
  });

  it('print service: the job is held, resumed (never resent) after the refill, one completed job and one document', async () => {
    await proc.paperOutMidJob();
    const pdf = await smallPdf('certificate HJ-20261128-TEST-0001');
    const failed = await printing.print({ kind: 'certificate', reference: 'HJ-20261128-TEST-0001', pdf }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(KioskError);
    expect(failed).toMatchObject({ code: 'PRINTER_OUT_OF_PAPER', detail: { kept: true } });
    const id = (failed as KioskError).detail?.jobId as string;
    const row = () => db.prepare('SELECT state, reason, printer_job_id FROM print_jobs WHERE id = ?').get(id) as { state: string; reason: string; printer_job_id: string };
    expect(row()).toMatchObject({ state: 'held', reason: 'paperOut' });
    const printerJobId = Number(row().printer_job_id);
    expect((await printer.jobState(printerJobId)).state).toBe('processing');

    // Following it again while the paper is still out keeps it held: nothing is submitted again.
    await expect(printing.resume(id)).rejects.toMatchObject({ code: 'PRINTER_OUT_OF_PAPER', detail: { kept: true } });
    expect(row().state).toBe('held');

    await proc.setPaper('full');
    // As the kiosk does: once the printer reports paper again, follow the same job to its end.
    await waitUntil(async () => (await printer.refreshStatus()).paper === 'full', 10_000, 'the printer to report paper');
    expect(await printing.resume(id)).toEqual({ jobId: id, state: 'completed' });
    expect(row()).toMatchObject({ state: 'completed', printer_job_id: String(printerJobId) });
    const ours = (await printer.jobs('all')).filter((j) => j.name === `kiosk-certificate-${id}`);
    expect(ours).toEqual([expect.objectContaining({ jobId: printerJobId, state: 'completed' })]);
    expect(spooled(`kiosk-certificate-${id}`)).toHaveLength(1);
    const audit = db.prepare("SELECT action FROM audit_log WHERE action LIKE 'print.%' ORDER BY seq").pluck().all();
    expect(audit).toEqual(['print.held', 'print.held', 'print.completed']);
  });

  it('a kept job whose resident left is canceled: after the refill it does not complete', async () => {
    await proc.paperOutMidJob();
    const failed = await printing.print({ kind: 'certificate', reference: 'HJ-20261128-TEST-0002', pdf: await smallPdf('left behind') }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'PRINTER_OUT_OF_PAPER', detail: { kept: true } });
    const id = (failed as KioskError).detail?.jobId as string;
    const printerJobId = Number(db.prepare('SELECT printer_job_id FROM print_jobs WHERE id = ?').pluck().get(id));
    expect(await printing.cancel(id)).toBe(true);
    expect(printing.jobState(id)).toBe('canceled');
    await proc.setPaper('full');
    await expect(printer.waitJob(printerJobId, JOB_TIMEOUT_MS)).rejects.toMatchObject({ reason: 'jobCanceled', jobKept: false });
  });
});
