import { KioskError } from '../../contract';
import type { Handlers } from '../ipc/router';
import type { KioskParts } from '../kiosk-parts';
import { ticketPrintServiceFor } from '../printing/ticket-print-service';
import { readPlatformConfig } from '../sync/update-targets';
import { ProgressService } from './progress-service';
import { QueueNumbers } from './queue-numbers';
import { qrLinksOf } from './qr-links';
import { serviceHallOf } from './service-hall';
import { SlipsService } from './slips-service';

type ProgressChannel =
  | 'progress.availability'
  | 'progress.lookup'
  | 'progress.mine'
  | 'progress.slip'
  | 'results.mine'
  | 'results.print'
  | 'slips.overview'
  | 'slips.queue'
  | 'slips.receipt'
  | 'slips.demoJobs';

/** Progress and result queries, result documents, slips and queue tickets (contract/progress.ts). */
export function progressHandlers(parts: KioskParts): Pick<Handlers, ProgressChannel> {
  const tickets = ticketPrintServiceFor(parts);
  const links = () => qrLinksOf(readPlatformConfig(parts.db)?.values);
  const progress = new ProgressService({
    session: parts.session,
    queries: () => parts.link.queries(),
    online: () => parts.link.sync.status().online,
    printing: parts.printing,
    tickets,
    kioskId: parts.config.kioskId,
    clock: parts.clock,
    caseLink: () => links().case,
  });
  const queue = new QueueNumbers(parts.db, parts.clock, parts.ids);
  const demo = parts.config.profile === 'demo';
  const slips = new SlipsService({ db: parts.db, session: parts.session, tickets, queue, hall: () => serviceHallOf(parts.db, demo), kioskId: parts.config.kioskId, clock: parts.clock, queueLink: () => links().queue });
  // The hall's calling system calls the next number over the control socket: {"command":"queue.call","args":{"category":ID}}.
  parts.control['queue.call'] = (args) => ({ called: queue.callNext(String(args.category ?? '')) });
  return {
    'progress.availability': () => progress.availability(),
    'progress.lookup': ({ number }) => progress.lookup(number),
    'progress.mine': () => progress.mine(),
    'progress.slip': ({ number, lang }) => progress.slip(number, lang),
    'results.mine': () => progress.results(),
    'results.print': ({ documentId }) => progress.printDocument(documentId),
    'slips.overview': () => slips.overview(),
    'slips.queue': ({ categoryId, lang }) => slips.queueTicket(categoryId, lang),
    'slips.receipt': ({ lang }) => slips.receipt(lang),
    'slips.demoJobs': () => {
      const simulator = parts.demoDevices?.ticketSimulator;
      if (!demo || !simulator) throw new KioskError('FORBIDDEN', 'the simulated ticket printer exists in the demo profile only');
      return { jobs: simulator.jobs.map((j) => ({ bytes: Buffer.from(j.bytes).toString('base64'), printed: j.printed, at: j.at.toISOString() })) };
    },
  };
}
