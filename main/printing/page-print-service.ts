import { KioskError, type ErrorCode } from '../../contract';
import { PagePrinterError, type PagePrinter } from '../../devices/page-printer';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/database';
import { createLogger } from '../log/logger';
import type { Clock, IdSource } from '../util/clock';
import { recordSheets } from '../maintenance/sheet-count';

const log = createLogger('page-print');

export type PrintKind = 'guide' | 'form-blank' | 'form-sample' | 'certificate' | 'result-document' | 'test-page';

export type PrintRequest = {
  kind: PrintKind;
  /** What was printed (item id, form id, certificate number…): never personal data. */
  reference: string;
  pdf: Uint8Array;
  /** Extra audit fields (masked by the audit log anyway). */
  audit?: Record<string, unknown>;
};

export type PrintOutcome = { jobId: string; state: 'completed' };

/** What the outbox learns about a job's outcome: no personal data beyond the request's masked audit fields. */
export type PrintRecord = { id: string; kind: PrintKind; reference: string; state: string; reason: string | null; audit?: Record<string, unknown> };

/** Records the outcome in the same transaction as the print row (audit + outbox). */
export type PrintRecorder = (db: Db, job: PrintRecord) => void;

const WAIT_MS = 120_000;

/**
 * Prints PDFs on the A4 printer through IPP and follows each job to its end. Every job is a row in
 * `print_jobs` before it is submitted, so a crash or a paper-out never loses track of it; a job the
 * printer keeps (paper out mid-job) is `held` and resumed with `resume()`, never sent twice.
 */
export class PagePrintService {
  constructor(
    private readonly db: Db,
    private readonly printer: () => PagePrinter | undefined,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly record: PrintRecorder = () => {},
  ) {}

  async print(request: PrintRequest): Promise<PrintOutcome> {
    const printer = this.printer();
    if (!printer) throw new KioskError('PRINTER_OFFLINE', 'no A4 printer is configured or reachable');
    const id = this.ids.uuid();
    const now = this.clock.now();
    this.db
      .prepare('INSERT INTO print_jobs (id, created_at, updated_at, printer, kind, reference, state) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, now, now, 'page-printer', request.kind, request.reference, 'submitting');
    recordSheets(this.db, id, request.pdf); // A4 sheets since the last refill (maintenance dashboard)
    let printerJobId: number;
    try {
      ({ jobId: printerJobId } = await printer.printPdf(request.pdf, { jobName: `kiosk-${request.kind}-${id}` }));
    } catch (error) {
      throw this.fail(id, request, error);
    }
    this.update(id, 'printing', String(printerJobId), null);
    return this.follow(id, request, printerJobId);
  }

  /** Follows a held job again after the technician or resident fixed the printer. */
  async resume(jobId: string, request: Pick<PrintRequest, 'audit'> = {}): Promise<PrintOutcome> {
    const row = this.db.prepare('SELECT kind, reference, state, printer_job_id FROM print_jobs WHERE id = ?').get(jobId) as
      | { kind: PrintKind; reference: string; state: string; printer_job_id: string | null }
      | undefined;
    if (!row || !row.printer_job_id) throw new KioskError('NOT_FOUND', `no print job ${jobId}`);
    if (row.state === 'completed') return { jobId, state: 'completed' };
    if (row.state !== 'held') throw new KioskError('PRINT_NOT_ALLOWED', `print job ${jobId} is ${row.state}`);
    this.update(jobId, 'printing', row.printer_job_id, null);
    return this.follow(jobId, { kind: row.kind, reference: row.reference, pdf: new Uint8Array(), ...request }, Number(row.printer_job_id));
  }

  /**
   * Cancels a job the printer kept (paper out, jam) whose resident has gone: the document must not
   * come out later for whoever stands there next. A job that is printing or finished is left alone.
   */
  async cancel(jobId: string, request: Pick<PrintRequest, 'audit'> = {}): Promise<boolean> {
    const row = this.db.prepare('SELECT kind, reference, state, printer_job_id FROM print_jobs WHERE id = ?').get(jobId) as
      | { kind: PrintKind; reference: string; state: string; printer_job_id: string | null }
      | undefined;
    if (!row || row.state !== 'held') return false;
    const job = { kind: row.kind, reference: row.reference, pdf: new Uint8Array(), ...request };
    const printer = this.printer();
    try {
      if (row.printer_job_id && printer) await printer.cancelJob(Number(row.printer_job_id));
    } catch (error) {
      // Still marked canceled here: the technician's dashboard shows what the printer kept.
      log.warn({ err: error, job: jobId }, 'a kept job could not be canceled on the printer');
    }
    this.finish(jobId, job, 'canceled', 'resident-left', row.printer_job_id);
    return true;
  }

  jobState(jobId: string): string | undefined {
    return (this.db.prepare('SELECT state FROM print_jobs WHERE id = ?').pluck().get(jobId) as string | undefined) ?? undefined;
  }

  private async follow(id: string, request: PrintRequest, printerJobId: number): Promise<PrintOutcome> {
    const printer = this.printer();
    try {
      if (!printer) throw new KioskError('PRINTER_OFFLINE', 'the A4 printer went away');
      await printer.waitJob(printerJobId, WAIT_MS);
    } catch (error) {
      throw this.fail(id, request, error, String(printerJobId));
    }
    this.finish(id, request, 'completed', null, String(printerJobId));
    return { jobId: id, state: 'completed' };
  }

  private fail(id: string, request: PrintRequest, error: unknown, printerJobId: string | null = null): KioskError {
    const kept = error instanceof PagePrinterError && error.jobKept;
    const reason = error instanceof PagePrinterError ? error.reason : error instanceof KioskError ? error.code : 'internal';
    if (!(error instanceof PagePrinterError) && !(error instanceof KioskError)) log.error({ err: error, job: id }, 'print failed');
    this.finish(id, request, kept ? 'held' : 'failed', reason, printerJobId ?? (error instanceof PagePrinterError && error.jobId !== undefined ? String(error.jobId) : null));
    const code: ErrorCode = error instanceof KioskError ? error.code : codeFor(error);
    return new KioskError(code, error instanceof Error ? error.message : String(error), { jobId: id, kept });
  }

  private finish(id: string, request: PrintRequest, state: string, reason: string | null, printerJobId: string | null): void {
    this.db.transaction(() => {
      this.update(id, state, printerJobId, reason);
      this.audit.append('kiosk', `print.${state}`, { job: id, kind: request.kind, reference: request.reference, reason, ...request.audit });
      this.record(this.db, { id, kind: request.kind, reference: request.reference, state, reason, ...(request.audit ? { audit: request.audit } : {}) });
    })();
  }

  private update(id: string, state: string, printerJobId: string | null, reason: string | null): void {
    this.db
      .prepare('UPDATE print_jobs SET state = ?, printer_job_id = COALESCE(?, printer_job_id), reason = ?, updated_at = ? WHERE id = ?')
      .run(state, printerJobId, reason, this.clock.now(), id);
  }
}

function codeFor(error: unknown): ErrorCode {
  if (!(error instanceof PagePrinterError)) return 'PRINTER_ERROR';
  switch (error.reason) {
    case 'paperOut':
      return 'PRINTER_OUT_OF_PAPER';
    case 'unreachable':
    case 'offline':
    case 'timeout':
      return 'PRINTER_OFFLINE';
    default:
      return 'PRINTER_ERROR';
  }
}
