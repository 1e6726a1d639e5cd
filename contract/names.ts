// The channel and event names alone, without their schemas: the sandboxed preload checks names
// against these lists and must stay tiny (importing zod would put 700 KB into it).
// names.test.ts proves the lists equal the keys of `channels` and `events`.

export const CHANNEL_NAMES = [
  'app.info',
  'app.state',
  'session.wipe',
  'simulator.residents',
  'simulator.control',
  'log.report',
  'session.current',
  // certificates (contract/certificates.ts)
  'certificate.issue',
  'certificate.print',
  // progress, results, slips (contract/progress.ts)
  // maintenance access (contract/maintenance-access.ts)
  'maintenance.unlock',
  // maintenance dashboard and actions (contract/maintenance.ts)
  'catalogue.overview',
  'catalogue.items',
  'catalogue.item',
  'catalogue.search',
  'catalogue.forms',
  'catalogue.print',
  'catalogue.email',
] as const;

export const EVENT_NAMES = [
  'device.status',
  'sync.status',
  'card.inserted',
  'card.removed',
  'card.rejected',
  'session.wiped',
] as const;
