import { KioskError, type ErrorCode } from '../../contract';
import type { TicketPrinterView } from '../../contract/progress';
import { canPrintTicket, TicketPrinterError, type TicketDocument, type TicketPrinter, type TicketPrinterErrorReason } from '../../devices/ticket-printer';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/database';
import type { KioskParts } from '../kiosk-parts';
import { createLogger } from '../log/logger';
import type { Clock, IdSource } from '../util/clock';

const log = createLogger('ticket-print');

export type TicketKind = 'queue' | 'slip' | 'receipt' | 'test';

export type TicketContent = {
  document: TicketDocument;
  /** What was printed (queue number, application number, "receipt", "self-test"): never personal data. */
  reference: string;
};

export type TicketJob = { id: string; kind: TicketKind; reference: string; state: 'printed' | 'failed'; reason: string | null; at: number };

/** Records a ticket's outcome in the caller's transaction (the outbox's print_audit stream). */
export type TicketRecorder = (db: Db, job: TicketJob) => void;

/**
 * Every ticket the thermal printer prints goes through here: the printer is asked (DLE EOT) before
 * a byte is sent, and each ticket, printed or failed, leaves one `ticket_jobs` row, one audit row
 * and one print_audit outbox event in a single transaction. The ticket's text is never stored.
 */
export class TicketPrintService {
  constructor(
    private readonly db: Db,
    private readonly printer: () => TicketPrinter | undefined,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly record: TicketRecorder = () => {},
  ) {}

  /** Asks the printer now, so paper low or out is said before the resident waits. */
  async check(): Promise<TicketPrinterView> {
    const printer = this.printer();
    if (!printer) return { ready: false, paper: 'unknown', state: 'noDevice' };
    const status = await printer.refreshStatus();
    return { ready: canPrintTicket(status), paper: status.paper, state: status.device };
  }

  async print(kind: TicketKind, content: TicketContent): Promise<{ ticketId: string; state: 'printed' }> {
    const id = this.ids.uuid();
    const printer = this.printer();
    if (!printer) {
      this.finish({ id, kind, reference: content.reference, state: 'failed', reason: 'noDevice', at: this.clock.now() });
      throw new KioskError('PRINTER_OFFLINE', 'no ticket printer is configured or reachable', { ticketId: id, afterPrint: false });
    }
    try {
      await printer.printTicket(content.document);
    } catch (error) {
      const reason: TicketPrinterErrorReason | 'internal' = error instanceof TicketPrinterError ? error.reason : 'internal';
      const afterPrint = error instanceof TicketPrinterError && error.afterPrint;
      if (reason === 'internal') log.error({ err: error, ticket: id }, 'ticket failed');
      this.finish({ id, kind, reference: content.reference, state: 'failed', reason: afterPrint ? `${reason}:afterPrint` : reason, at: this.clock.now() });
      throw new KioskError(codeFor(reason), error instanceof Error ? error.message : String(error), { ticketId: id, afterPrint });
    }
    this.finish({ id, kind, reference: content.reference, state: 'printed', reason: null, at: this.clock.now() });
    return { ticketId: id, state: 'printed' };
  }

  /** Tickets printed since `at` (the maintenance dashboard counts them since the last refill). */
  printedSince(at: number): number {
    return this.db.prepare("SELECT COUNT(*) FROM ticket_jobs WHERE state = 'printed' AND created_at >= ?").pluck().get(at) as number;
  }

  private finish(job: TicketJob): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO ticket_jobs (id, created_at, kind, state, reason) VALUES (?, ?, ?, ?, ?)').run(job.id, job.at, job.kind, job.state, job.reason);
      this.audit.append('kiosk', `ticket.${job.state}`, { ticket: job.id, kind: job.kind, reference: job.reference, reason: job.reason });
      this.record(this.db, job);
    })();
  }
}

function codeFor(reason: TicketPrinterErrorReason | 'internal'): ErrorCode {
  switch (reason) {
    case 'paperOut':
      return 'PRINTER_OUT_OF_PAPER';
    case 'coverOpen':
    case 'offline':
    case 'noDevice':
    case 'timeout':
    case 'closed':
      return 'PRINTER_OFFLINE';
    case 'cutterError':
    case 'hardwareError':
      return 'PRINTER_ERROR';
    case 'invalidTicket':
    case 'internal':
      return 'INTERNAL';
    default: {
      const never: never = reason;
      return never;
    }
  }
}

const shared = new WeakMap<KioskParts, TicketPrintService>();

/**
 * The kiosk's one TicketPrintService, built from the composition root's parts (slips, progress
 * slips and the self-tests share it): outcomes reach the platform on the print_audit stream.
 */
export function ticketPrintServiceFor(parts: KioskParts): TicketPrintService {
  let service = shared.get(parts);
  if (!service) {
    service = new TicketPrintService(parts.db, () => parts.devices.ticketPrinter, parts.audit, parts.clock, parts.ids, (tx, job) =>
      parts.outbox.enqueueIn(tx, {
        stream: 'print_audit',
        type: 'ticket.job',
        payload: { id: job.id, kind: job.kind, reference: job.reference, state: job.state, reason: job.reason, at: new Date(job.at).toISOString() },
      }),
    );
    shared.set(parts, service);
  }
  return service;
}
