import { createHash } from 'node:crypto';
import { KioskError } from '../../contract';
import type { ApplicationView, ResultView } from '../../contract/progress';
import type { TicketDocument } from '../../devices/ticket-printer';
import { createLogger } from '../log/logger';
import { maskIdNumber, maskName } from '../privacy/mask';
import type { PagePrintService } from '../printing/page-print-service';
import type { TicketPrintService } from '../printing/ticket-print-service';
import type { ResidentSession } from '../session/resident-session';
import type * as Api from '../sync/platform-types';
import type { Clock } from '../util/clock';
import { DEFAULT_QR_LINKS, fill } from './qr-links';
import { hallTime, ticketWords, type TicketLang } from './ticket-text';

const log = createLogger('progress');

/** The platform's online queries this service uses (PlatformClient implements them). */
export type ApplicationQueries = {
  getApplication(number: string): Promise<Api.Application>;
  getApplicationResult(number: string): Promise<Api.ApplicationResult>;
  getDocument(documentId: string, maxBytes?: number): Promise<Buffer>;
  findApplications(identity: { idNumber: string; source: 'id-card' | 'ss-card' }): Promise<Api.Application[]>;
};

/** Where a slip's QR leads: the platform's public progress page for the case. */

const FINISHED: ReadonlySet<Api.Application['status']> = new Set(['approved', 'rejected', 'completed']);

type Document = { number: string; title: string; sha256: string; length: number; printable: boolean; jobId?: string; printed: boolean };

/**
 * Progress and results (issue #6): applications by number or by the identified resident, a slip
 * with a QR to the case on the ticket printer, and the platform's result documents on the A4
 * printer. Only documents listed for the identified resident can be printed; each is printed at
 * most once per visit and a job the printer kept is resumed, never sent again. Everything about
 * the resident lives in memory and goes with the session wipe.
 */
export class ProgressService {
  private documents = new Map<string, Document>();

  constructor(
    private readonly deps: {
      session: ResidentSession;
      queries: () => ApplicationQueries | undefined;
      online: () => boolean;
      printing: PagePrintService;
      tickets: TicketPrintService;
      kioskId: string;
      clock: Clock;
      /** The slip's QR address template (platform config, qr-links.ts). */
      caseLink: () => string;
    },
  ) {
    deps.session.onWipe(() => {
      const kept = [...this.documents.values()].flatMap((d) => (d.jobId && !d.printed ? [d.jobId] : []));
      this.documents.clear();
      // A document the printer kept (paper out) must not come out later for whoever stands there next.
      for (const jobId of kept) void this.deps.printing.cancel(jobId).catch((error: unknown) => log.warn({ err: error, job: jobId }, 'a kept result document could not be canceled'));
    });
  }

  availability(): { online: boolean } {
    return { online: this.deps.queries() !== undefined && this.deps.online() };
  }

  async lookup(number: string): Promise<ApplicationView> {
    return toView(await this.platform().getApplication(number));
  }

  async mine(): Promise<ApplicationView[]> {
    const applications = await this.platform().findApplications(this.identity());
    return applications.map(toView);
  }

  async slip(number: string, lang: TicketLang = 'zh-CN'): Promise<{ ticketId: string; state: 'printed' }> {
    const application = toView(await this.platform().getApplication(number));
    return this.deps.tickets.print('slip', { reference: number, document: slipDocument(application, lang, this.deps.clock.now(), this.deps.kioskId, this.deps.caseLink()) });
  }

  async results(): Promise<ResultView[]> {
    const platform = this.platform();
    const identity = this.identity();
    const finished = (await platform.findApplications(identity)).filter((a) => a.hasResult && FINISHED.has(a.status));
    const views: ResultView[] = [];
    for (const a of finished) {
      const result = await platform.getApplicationResult(a.applicationNumber);
      for (const d of result.documents) {
        const known = this.documents.get(d.documentId);
        this.documents.set(d.documentId, { number: a.applicationNumber, title: d.title, sha256: d.sha256, length: d.length, printable: d.printable, printed: known?.printed ?? false, ...(known?.jobId ? { jobId: known.jobId } : {}) });
      }
      views.push({
        number: a.applicationNumber,
        itemName: a.itemName,
        department: a.department,
        outcome: result.outcome,
        decidedAt: result.decidedAt,
        summary: result.summary,
        documents: result.documents.map((d) => ({ documentId: d.documentId, title: d.title, printable: d.printable })),
      });
    }
    log.info({ holder: maskIdNumber(identity.idNumber), cases: views.length }, 'results listed');
    return views;
  }

  async printDocument(documentId: string): Promise<{ jobId: string; state: 'completed' }> {
    this.identity();
    const doc = this.documents.get(documentId);
    if (!doc) throw new KioskError('PRINT_NOT_ALLOWED', `document ${documentId} was not listed for this resident in this visit`);
    if (!doc.printable) throw new KioskError('PRINT_NOT_ALLOWED', `document ${documentId} is not printable at a kiosk`);
    if (doc.printed) throw new KioskError('PRINT_NOT_ALLOWED', `document ${documentId} has already been printed in this visit`);
    // A job the printer kept (paper out, jam) is followed again: the document is never sent twice.
    if (doc.jobId && this.deps.printing.jobState(doc.jobId) === 'held') {
      const outcome = await this.deps.printing.resume(doc.jobId);
      doc.printed = true;
      return outcome;
    }
    const pdf = await this.platform().getDocument(documentId, Math.max(doc.length + 1, 1024));
    if (createHash('sha256').update(pdf).digest('hex') !== doc.sha256) {
      throw new KioskError('PLATFORM_ERROR', `document ${documentId} does not match the platform's checksum`);
    }
    try {
      const outcome = await this.deps.printing.print({
        kind: 'result-document',
        reference: documentId,
        pdf,
        audit: { applicationNumber: doc.number, maskedIdNumber: maskIdNumber(this.identity().idNumber) },
      });
      doc.printed = true;
      return outcome;
    } catch (error) {
      if (error instanceof KioskError && typeof error.detail?.jobId === 'string') doc.jobId = error.detail.jobId;
      throw error;
    }
  }

  private platform(): ApplicationQueries {
    const platform = this.deps.queries();
    if (!platform) throw new KioskError('PLATFORM_UNREACHABLE', 'progress and results need the platform, which this kiosk cannot reach');
    return platform;
  }

  private identity(): { idNumber: string; source: 'id-card' | 'ss-card' } {
    const person = this.deps.session.current();
    return { idNumber: person.idNumber, source: this.deps.session.view().kind ?? 'id-card' };
  }
}

export function toView(a: Api.Application): ApplicationView {
  return {
    number: a.applicationNumber,
    itemName: a.itemName,
    department: a.department,
    // The platform masks the applicant already; masking again costs nothing and guards a slip.
    applicantMasked: a.applicantMasked.includes('*') ? a.applicantMasked : maskName(a.applicantMasked),
    submittedAt: a.submittedAt,
    status: a.status,
    steps: a.steps.map((s) => ({ name: s.name, state: s.state, at: s.at, handler: s.handler })),
    nextStep: a.nextStep,
    dueAt: a.dueAt,
    hasResult: a.hasResult,
  };
}

/** The progress slip: where the case stands and a QR to follow it from a phone. */
export function slipDocument(a: ApplicationView, lang: TicketLang, now: number, kioskId: string, caseLink: string = DEFAULT_QR_LINKS.case): TicketDocument {
  const w = ticketWords(lang);
  const done = a.steps.filter((s) => s.state === 'done').map((s) => s.name);
  return {
    lines: [
      { text: w.say('brand'), align: 'center', bold: true },
      { text: w.say('slipTitle'), align: 'center', size: 2, bold: true },
      { text: w.say('number', a.number) },
      { text: w.say('item', a.itemName) },
      { text: w.say('applicant', a.applicantMasked) },
      { text: w.say('status', w.status(a.status)), bold: true },
      { text: w.say('steps', done.length > 0 ? done.join(' > ') : '-') },
      { text: a.nextStep ? w.say('next', a.nextStep) : w.say('noNext') },
      ...(a.dueAt !== null ? [{ text: w.say('due', hallTime(a.dueAt)) }] : []),
      { text: w.say('printedAt', hallTime(now)) },
      { text: w.say('kiosk', kioskId) },
      { text: w.say('scan'), align: 'center' },
    ],
    qr: fill(caseLink, { number: a.number, kiosk: kioskId }),
  };
}
