import { KioskError } from '../../contract';
import type { QueueCategoryView, TicketPrinterView } from '../../contract/progress';
import type { TicketDocument } from '../../devices/ticket-printer';
import type { Db } from '../db/database';
import type { TicketPrintService } from '../printing/ticket-print-service';
import type { ResidentSession } from '../session/resident-session';
import type { Clock } from '../util/clock';
import { fill } from './qr-links';
import type { QueueNumbers } from './queue-numbers';
import type { ServiceHall } from './service-hall';
import { hallTime, ticketWords, type TicketLang } from './ticket-text';


type PrintRow = { kind: string; reference: string | null; updated_at: number };

/**
 * 取号/凭条: queue tickets for the hall's service categories and a receipt for what this visit
 * printed. The printer is asked before anything is offered (paper low or out is said first).
 */
export class SlipsService {
  private visitStartedAt: number;

  constructor(
    private readonly deps: {
      db: Db;
      session: ResidentSession;
      tickets: TicketPrintService;
      queue: QueueNumbers;
      hall: () => ServiceHall | null;
      kioskId: string;
      clock: Clock;
      /** Where a queue ticket's QR leads (the hall's live queue board; platform config, qr-links.ts). */
      queueLink: () => string;
    },
  ) {
    this.visitStartedAt = deps.clock.now();
    // A visit ends with the wipe: the next resident's receipt never lists this one's prints.
    deps.session.onWipe(() => {
      this.visitStartedAt = this.deps.clock.now();
    });
  }

  async overview(): Promise<{ hall: { name: string; nameEn: string; categories: QueueCategoryView[] } | null; printer: TicketPrinterView; prints: number }> {
    const hall = this.deps.hall();
    const printer = await this.deps.tickets.check();
    return {
      hall: hall && {
        name: hall.name,
        nameEn: hall.nameEn,
        categories: hall.categories.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn, waiting: this.deps.queue.waiting(c.id) })),
      },
      printer,
      prints: this.visitPrints().length,
    };
  }

  async queueTicket(categoryId: string, lang: TicketLang = 'zh-CN') {
    const hall = this.deps.hall();
    const category = hall?.categories.find((c) => c.id === categoryId);
    if (!hall || !category) throw new KioskError('NOT_FOUND', `no queue category ${categoryId} in this hall`);
    const w = ticketWords(lang);
    let ticketId = '';
    const issued = await this.deps.queue.issue(category, async (n) => {
      const document: TicketDocument = {
        lines: [
          { text: lang === 'en' ? hall.nameEn : hall.name, align: 'center', bold: true },
          { text: w.say('queueTitle'), align: 'center' },
          { text: n.number, align: 'center', size: 2, bold: true },
          { text: w.say('category', lang === 'en' ? category.nameEn : category.name), align: 'center' },
          { text: w.say('waiting', n.waiting), align: 'center', bold: true },
          { text: hallTime(n.issuedAt), align: 'center' },
          { text: w.say('wait'), align: 'center' },
        ],
        qr: fill(this.deps.queueLink(), { number: n.number, kiosk: this.deps.kioskId }),
      };
      ({ ticketId } = await this.deps.tickets.print('queue', { reference: n.number, document }));
    });
    return { ticketId, state: 'printed' as const, number: issued.number, categoryName: category.name, categoryNameEn: category.nameEn, waiting: issued.waiting, issuedAt: issued.issuedAt };
  }

  async receipt(lang: TicketLang = 'zh-CN') {
    const prints = this.visitPrints();
    if (prints.length === 0) throw new KioskError('NOT_FOUND', 'nothing was printed in this visit');
    const w = ticketWords(lang);
    const now = this.deps.clock.now();
    const document: TicketDocument = {
      lines: [
        { text: w.say('brand'), align: 'center', bold: true },
        { text: w.say('receiptTitle'), align: 'center', size: 2, bold: true },
        ...prints.map((p) => ({ text: `${hallTime(p.updated_at).slice(11)} ${w.kind(p.kind)} ${p.reference ?? ''}`.trim() })),
        { text: w.say('receiptCount', prints.length), bold: true },
        { text: w.say('printedAt', hallTime(now)) },
        { text: w.say('kiosk', this.deps.kioskId) },
      ],
    };
    const { ticketId } = await this.deps.tickets.print('receipt', { reference: `receipt:${prints.length}`, document });
    return { ticketId, state: 'printed' as const, prints: prints.length };
  }

  /** What the A4 printer completed during this visit (references are item, form, certificate or document ids). */
  private visitPrints(): PrintRow[] {
    return this.deps.db
      .prepare("SELECT kind, reference, updated_at FROM print_jobs WHERE state = 'completed' AND kind != 'test-page' AND created_at >= ? ORDER BY created_at")
      .all(this.visitStartedAt) as PrintRow[];
  }
}
