import { z } from 'zod';

// Progress and result queries, result documents, slips and queue tickets (issue #6).

/** HZ-20261102-000417: the platform's application numbers (the keypad enters the 14 digits). */
export const APPLICATION_NUMBER = /^HZ-\d{8}-\d{6}$/;

const applicationNumber = z.string().regex(APPLICATION_NUMBER);

export type ApplicationStatus = 'received' | 'in_progress' | 'awaiting_materials' | 'approved' | 'rejected' | 'completed' | 'withdrawn';

export type ApplicationStep = { name: string; state: 'done' | 'current' | 'pending'; at: number | null; handler: string | null };

/** One application as the progress screens show it; the applicant is masked by the platform and again here. */
export type ApplicationView = {
  number: string;
  itemName: string;
  department: string;
  applicantMasked: string;
  submittedAt: number;
  status: ApplicationStatus;
  steps: ApplicationStep[];
  nextStep: string | null;
  dueAt: number | null;
  hasResult: boolean;
};

export type ResultDocumentView = { documentId: string; title: string; printable: boolean };

/** A finished case of the identified resident, with the documents the platform supplies. */
export type ResultView = {
  number: string;
  itemName: string;
  department: string;
  outcome: 'approved' | 'rejected' | 'completed';
  decidedAt: number;
  summary: string;
  documents: ResultDocumentView[];
};

export type QueueCategoryView = { id: string; name: string; nameEn: string; waiting: number };

export type TicketPrinterView = {
  /** A ticket can be printed now (fresh DLE EOT status, asked before the resident waits). */
  ready: boolean;
  paper: 'full' | 'low' | 'out' | 'jammed' | 'unknown';
  state: 'online' | 'offline' | 'hardwareError' | 'userError' | 'busy' | 'noDevice';
};

/** The language the ticket is printed in (the resident's). */
const ticketLang = z.enum(['zh-CN', 'en']).optional();

const printed = z.object({ ticketId: z.string(), state: z.literal('printed') });

export const progressChannels = {
  /** Whether the platform queries can be made now (offline: the screens say so and offer what works). */
  'progress.availability': { request: z.strictObject({}), response: z.custom<{ online: boolean }>() },
  /** One application by its number (the numeric keypad). */
  'progress.lookup': { request: z.strictObject({ number: applicationNumber }), response: z.custom<ApplicationView>() },
  /** The identified resident's applications, newest first. */
  'progress.mine': { request: z.strictObject({}), response: z.custom<ApplicationView[]>() },
  /** A progress slip with a QR to the case, on the ticket printer. */
  'progress.slip': { request: z.strictObject({ number: applicationNumber, lang: ticketLang }), response: printed },
  /** The identified resident's finished cases with their result documents. */
  'results.mine': { request: z.strictObject({}), response: z.custom<ResultView[]>() },
  /** Prints one result document on the A4 printer; a held job (paper out) is resumed, never sent twice. */
  'results.print': {
    request: z.strictObject({ documentId: z.string().min(4).max(64) }),
    response: z.object({ jobId: z.string(), state: z.literal('completed') }),
  },
  /** 取号/凭条: the service hall's categories (null: this kiosk stands in no hall), the ticket printer as it is now. */
  'slips.overview': {
    request: z.strictObject({}),
    response: z.custom<{ hall: { name: string; nameEn: string; categories: QueueCategoryView[] } | null; printer: TicketPrinterView; prints: number }>(),
  },
  /** A queue ticket for one service category. */
  'slips.queue': {
    request: z.strictObject({ categoryId: z.string().min(1).max(40), lang: ticketLang }),
    response: z.custom<{ ticketId: string; state: 'printed'; number: string; categoryName: string; categoryNameEn: string; waiting: number; issuedAt: number }>(),
  },
  /** A receipt listing what this visit printed on the A4 printer. */
  'slips.receipt': { request: z.strictObject({ lang: ticketLang }), response: z.custom<{ ticketId: string; state: 'printed'; prints: number }>() },
  /**
   * Demo profile only (like the simulator panel): the tickets the simulated printer received, as
   * raw ESC/POS bytes (base64), so the demo and the end-to-end tests can read them back.
   */
  'slips.demoJobs': {
    request: z.strictObject({}),
    response: z.custom<{ jobs: { bytes: string; printed: boolean; at: string }[] }>(),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
